#!/usr/bin/env python3
"""expect_exit.py N command [args...]: runs the command, passes its output
through, and succeeds only if it exits with N (lit's `not` accepts any
non-zero code, which cannot tell findings (1) from failures (2))."""
import subprocess
import sys

want = int(sys.argv[1])
got = subprocess.call(sys.argv[2:])
if got != want:
    sys.stderr.write('expect_exit: %s exited with %d, expected %d\n'
                     % (sys.argv[2], got, want))
    sys.exit(1)
