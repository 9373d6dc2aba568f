#!/usr/bin/env python3
"""interrupt.py <resilience-tidy> <tmpdir> <file>...: starts the tool on the
files with a hanging worker, signals the parent once its workers run, and
prints what is left: the exit status, workers still alive, files under
<tmpdir> (the TMPDIR of the run)."""
import os
import signal
import subprocess
import sys
import time

tool, tmp, files = sys.argv[1], sys.argv[2], sys.argv[3:]


def children(pid):
    try:
        with open('/proc/%d/task/%d/children' % (pid, pid)) as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def alive(pid):
    try:
        with open('/proc/%d/stat' % pid) as f:
            return f.read().split(') ')[1].split()[0] not in ('Z', 'X')
    except OSError:
        return False


for name, sig in (('SIGTERM', signal.SIGTERM), ('SIGINT', signal.SIGINT)):
    env = dict(os.environ, TMPDIR=tmp,
               RESILIENCE_TIDY_TEST_HANG_ON=files[-1])
    p = subprocess.Popen([tool, '-j%d' % len(files)] + files + ['--'], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers = []
    deadline = time.time() + 120
    while time.time() < deadline:
        workers = children(p.pid)
        if len(workers) == len(files) or (workers and p.poll() is None and
                                          len(workers) >= 1 and
                                          os.listdir(tmp)):
            break
        time.sleep(0.05)
    time.sleep(0.2)
    workers = children(p.pid) or workers
    p.send_signal(sig)
    status = p.wait()
    time.sleep(0.2)
    left = [w for w in workers if alive(w)]
    leftovers = []
    for root, dirs, names in os.walk(tmp):
        leftovers += names + dirs
    print('%s: status %d, workers left %d, temporary files left %d'
          % (name, status, len(left), len(leftovers)))
