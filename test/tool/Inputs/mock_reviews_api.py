#!/usr/bin/env python3
"""mock_reviews_api.py RECORD.json [--reject-inline-once] -- COMMAND...

A stand-in for GitHub's pull-request reviews API, on the loopback interface
only: it serves POST /repos/<owner>/<name>/pulls/<n>/reviews on an ephemeral
port of 127.0.0.1, runs COMMAND with GITHUB_API_URL pointing at itself,
then writes every request it got (path, headers that matter, JSON body) to
RECORD.json and exits with COMMAND's exit code. With --reject-inline-once,
the first review that has inline comments gets a 422, as GitHub answers a
comment on a line outside the diff."""
import http.server
import json
import os
import re
import subprocess
import sys
import threading

args = sys.argv[1:]
record_path = args.pop(0)
reject_inline = False
if args and args[0] == '--reject-inline-once':
    reject_inline = True
    args.pop(0)
assert args.pop(0) == '--'
requests = []


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        global reject_inline
        length = int(self.headers.get('Content-Length', '0'))
        body = json.loads(self.rfile.read(length).decode('utf-8'))
        requests.append({'method': 'POST', 'path': self.path,
                         'authorization': self.headers.get('Authorization'),
                         'accept': self.headers.get('Accept'),
                         'body': body})
        if not re.fullmatch(r'/repos/[^/]+/[^/]+/pulls/[0-9]+/reviews', self.path):
            status, reply = 404, {'message': 'Not Found'}
        elif reject_inline and body.get('comments'):
            reject_inline = False
            status, reply = 422, {'message': 'Unprocessable Entity'}
        else:
            status, reply = 200, {'id': len(requests), 'state': 'COMMENTED'}
        data = json.dumps(reply).encode('utf-8')
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *a):
        pass


server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
thread = threading.Thread(target=server.serve_forever, daemon=True)
thread.start()
env = dict(os.environ, GITHUB_API_URL='http://127.0.0.1:%d' % server.server_address[1])
rc = subprocess.call(args, env=env)
server.shutdown()
with open(record_path, 'w', encoding='utf-8') as f:
    json.dump(requests, f, indent=2, sort_keys=True)
sys.exit(rc)
