"""Checks the one review the Action posted to the mock reviews API."""
import json
import sys

requests = json.load(open(sys.argv[1]))
head = sys.argv[2]
assert len(requests) == 1, requests
r = requests[0]
assert r['path'] == '/repos/acme/shop/pulls/7/reviews', r['path']
assert r['authorization'] == 'Bearer test-token', r['authorization']
assert r['accept'] == 'application/vnd.github+json', r['accept']
body = r['body']
assert body['commit_id'] == head, body
assert body['event'] == 'COMMENT', body
assert 'reviewed 2 retry loops: 2 miss a guardrail' in body['body'], body['body']
c = body['comments']
assert len(c) == 2, c
# The loop the change added whole: a suggestion replacing its lines.
assert c[0]['path'] == 'src/payments.cpp' and c[0]['side'] == 'RIGHT', c[0]
assert (c[0]['start_line'], c[0]['line']) == (27, 30), c[0]
assert '0 of 3 guardrails' in c[0]['body'], c[0]['body']
assert '```suggestion\n' in c[0]['body'], c[0]['body']
assert 'kMaxAttempts' in c[0]['body'], c[0]['body']
# The loop changed in part: on the changed line, with a code block.
assert c[1]['line'] == 42 and 'start_line' not in c[1], c[1]
assert '1 of 3 guardrails' in c[1]['body'], c[1]['body']
assert '```cpp\n' in c[1]['body'] and '```suggestion' not in c[1]['body'], c[1]['body']
print('review ok')
