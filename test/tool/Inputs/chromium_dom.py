#!/usr/bin/env python3
"""chromium_dom.py PAGE.html FRAGMENT OUT.html [SCREENSHOT.png]

Loads a local page in headless Chromium (Debian's `chromium`) and writes
the DOM as the page's scripts left it. Runs as root in CI, hence
--no-sandbox; a fresh profile under a temporary directory; everything that
would reach the network is off, and the page is a file:// URL whose
Content-Security-Policy forbids loads anyway. With SCREENSHOT, also writes a
1280-pixel-wide screenshot there."""
import os
import shutil
import subprocess
import sys
import tempfile

page, fragment, out = sys.argv[1], sys.argv[2], sys.argv[3]
shot = sys.argv[4] if len(sys.argv) > 4 else None
exe = shutil.which('chromium') or shutil.which('chromium-browser')
if not exe:
    sys.exit('chromium is not installed (scripts/install-deps.sh installs it)')
url = 'file://' + os.path.abspath(page) + (('#' + fragment) if fragment else '')
with tempfile.TemporaryDirectory() as profile:
    common = [exe, '--headless', '--no-sandbox', '--disable-gpu',
              '--no-first-run', '--no-default-browser-check',
              '--disable-background-networking', '--disable-component-update',
              '--disable-sync', '--disable-extensions', '--mute-audio',
              '--user-data-dir=' + profile]
    env = dict(os.environ, HOME=profile)
    dom = subprocess.run(common + ['--dump-dom', url], env=env, check=True,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         timeout=120).stdout
    with open(out, 'wb') as f:
        f.write(dom)
    if shot:
        subprocess.run(common + ['--hide-scrollbars', '--window-size=1280,1900',
                                 '--screenshot=' + os.path.abspath(shot), url],
                       env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=120)
