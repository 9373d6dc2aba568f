#!/usr/bin/env python3
"""hostile_db.py <resilience-tidy> <clang> <tmp> <bad.cpp>

Runs the tool on a compile database, a .clang-tidy, a compiler configuration
file and a response file that all try to make the compiler write files (to
paths in <tmp>, over an existing file, to /dev/stdout) and to inject workflow
commands, then checks, with a snapshot of <tmp> (which holds HOME, TMPDIR
and XDG_CACHE_HOME of the run) before and after, that the only files that
appeared or changed are the requested reports, that the SARIF on standard
output is JSON, and that no report carries an injected line.
Prints 'ok' or what went wrong (then exits 1)."""
import hashlib
import json
import os
import shutil
import subprocess
import sys

tool, clang, tmp, source = sys.argv[1:5]
shutil.rmtree(tmp, ignore_errors=True)
src = os.path.join(tmp, 'src')
for d in ('src', 'home', 'tmp', 'cache', 'bin', 'out', 'sanity'):
    os.makedirs(os.path.join(tmp, d))
shutil.copy(source, os.path.join(src, 'bad.cpp'))
victim = os.path.join(tmp, 'home', '.bashrc')
with open(victim, 'w') as f:
    f.write('# the runner user\'s shell startup\n')

w = lambda name: os.path.join(tmp, 'pwned-' + name)
inject = '::add-mask::x\n::error::injected'
# A clang configuration file: the driver would expand it after any
# sanitizer that only looks at the command line.
cfg = os.path.join(src, 'evil.cfg')
with open(cfg, 'w') as f:
    f.write('-MD -MF %s -MT "cmd;"\n' % victim)
# A configuration file next to the named compiler (clang++.cfg).
compiler = os.path.join(tmp, 'bin', 'clang++')
with open(os.path.join(tmp, 'bin', 'clang++.cfg'), 'w') as f:
    f.write('-MD -MF %s\n' % w('compiler-cfg'))
rsp = os.path.join(src, 'args.rsp')
with open(rsp, 'w') as f:
    f.write('-MD -MF %s -Wp,-MD,%s\n' % (w('rsp-mf'), w('rsp-wp')))

hostile = [
    '-Wp,-MD,' + w('wp-md'), '-Wp,-MT,' + inject,
    '-Xpreprocessor', '-MF', '-Xpreprocessor', w('xpp-mf'),
    '-MD', '-MF', w('mf'), '-MT', inject, '-MMD',
    '--config=' + cfg, '--config', cfg,
    '--config-user-dir=' + os.path.join(tmp, 'src'),
    '--config-system-dir=' + os.path.join(tmp, 'src'),
    '--serialize-diagnostics', w('serialized'),
    '-Xclang', '-dependency-file', '-Xclang', w('xclang-dep'),
    '-Xclang', '-header-include-file', '-Xclang', w('xclang-hdr'),
    '-Xclang', '-stats-file=' + w('xclang-stats'),
    '-Xclang', '-diagnostic-log-file', '-Xclang', w('xclang-log'),
    '-Xclang', '-module-dependency-dir', '-Xclang', w('xclang-moddep'),
    '-fmodules', '-fmodules-cache-path=' + w('modcache'),
    '-ftime-trace=' + w('trace'), '-save-temps=obj',
    '-fcrash-diagnostics-dir=' + w('crash'),
    '-fproc-stat-report=' + w('proc'),
    '-Wp,-MD,/dev/stdout', '-MF', '/dev/stdout',
    '@' + rsp,
]
db = [{'directory': src, 'file': os.path.join(src, 'bad.cpp'),
       'arguments': [compiler] + hostile + ['-c', 'bad.cpp']}]
with open(os.path.join(src, 'compile_commands.json'), 'w') as f:
    json.dump(db, f)
with open(os.path.join(src, '.clang-tidy'), 'w') as f:
    json.dump({'ExtraArgs': ['-MD', '-MF', w('extra-mf'),
                             '-Wp,-MD,' + w('extra-wp'),
                             '--config=' + cfg],
               'ExtraArgsBefore': ['-Xclang', '-stats-file=' + w('before'),
                                   '-MF']}, f)

env = dict(os.environ, HOME=os.path.join(tmp, 'home'),
           TMPDIR=os.path.join(tmp, 'tmp'),
           XDG_CACHE_HOME=os.path.join(tmp, 'cache'))
env.pop('CLANG_NO_DEFAULT_CONFIG', None)

problems = []
# The test can fail: clang itself writes what these flags ask for.
sanity = os.path.join(tmp, 'sanity')
with open(os.path.join(sanity, 'c.cfg'), 'w') as f:
    f.write('-MD -MF %s\n' % os.path.join(sanity, 'cfg-dep'))
for flag in ('-Wp,-MD,' + os.path.join(sanity, 'dep'),
             '--config=' + os.path.join(sanity, 'c.cfg')):
    subprocess.call([clang, '-fsyntax-only', flag, os.path.join(src, 'bad.cpp')],
                    env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for name in ('dep', 'cfg-dep'):
    if not os.path.exists(os.path.join(sanity, name)):
        problems.append('sanity: clang did not write ' + name)
shutil.rmtree(sanity)


def snapshot():
    files = {}
    for root, dirs, names in os.walk(tmp):
        for n in names + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            p = os.path.join(root, n)
            try:
                with open(p, 'rb') as f:
                    files[p] = hashlib.sha256(f.read()).hexdigest()
            except OSError:
                files[p] = 'unreadable'
        for d in dirs:
            files.setdefault(os.path.join(root, d) + '/', 'dir')
    return files


before = snapshot()
outputs = {os.path.join(tmp, 'out', n): n for n in ('gh.txt', 'report.md', 'text.txt')}
for stdout_format in ('sarif', 'github'):
    others = ['--format=github', '--output=' + os.path.join(tmp, 'out', 'gh.txt'),
              '--format=markdown', '--output=' + os.path.join(tmp, 'out', 'report.md'),
              '--format=text', '--output=' + os.path.join(tmp, 'out', 'text.txt')]
    if stdout_format == 'github':
        others = others[2:]
    run = subprocess.run([tool, '-p', src, '-j1', '--format=' + stdout_format] + others,
                         env=env, capture_output=True, cwd=src)
    if run.returncode != 1:
        problems.append('%s: exit %d, expected 1 (stderr: %r)'
                        % (stdout_format, run.returncode, run.stderr[:300]))
    if stdout_format == 'sarif':
        try:
            sarif = json.loads(run.stdout)
            if not sarif['runs'][0]['results']:
                problems.append('sarif: no results')
        except Exception as e:  # noqa: BLE001
            problems.append('sarif on stdout is not JSON: %s: %r' % (e, run.stdout[:200]))
    else:
        for line in run.stdout.decode('utf-8', 'replace').splitlines():
            if not line.startswith('::warning ') and not line.startswith('::notice '):
                problems.append('github: unexpected line %r' % line)
    reports = [run.stdout] + [open(p, 'rb').read() for p in outputs if os.path.exists(p)]
    for r in reports:
        if b'add-mask' in r or b'injected' in r:
            problems.append('%s: an injected line reached a report' % stdout_format)

after = snapshot()
for p in sorted(set(after) - set(before)):
    if p not in outputs:
        problems.append('a file appeared: ' + os.path.relpath(p, tmp))
for p in sorted(set(before) & set(after)):
    if before[p] != after[p]:
        problems.append('a file changed: ' + os.path.relpath(p, tmp))
for p in sorted(set(before) - set(after)):
    problems.append('a file vanished: ' + os.path.relpath(p, tmp))
for p in outputs:
    if p not in after:
        problems.append('a report is missing: ' + os.path.relpath(p, tmp))

if problems:
    print('\n'.join(problems[:40]))
    sys.exit(1)
print('ok')
