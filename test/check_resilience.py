#!/usr/bin/env python3
"""Runs one check test through both front ends and checks what they print.

Usage (from lit, via the %check_resilience substitution):
  check_resilience.py [--frontend=both|plugin|standalone] [--expect-exit=N]
                      <input> <check-name> <tmp> [-- <tool args> [-- <compiler args>]]

For each front end (the clang-tidy plugin and the standalone tool):
  * the CHECK comments of <input> are blanked (so line and column numbers
    stay, and no expectation can match itself) and the result is written to
    a temporary file;
  * the tool runs on it; with CHECK-FIXES in the input it runs with --fix;
  * FileCheck matches CHECK-MESSAGES against everything printed, and no
    warning or error may be printed that a CHECK-MESSAGES line does not
    expect; an input without CHECK-MESSAGES must print no warning at all;
  * FileCheck matches CHECK-FIXES against the fixed file;
  * the standalone tool's exit code must say whether there were findings
    (2 when it reported an invalid option value).
Finally both front ends must have printed the same diagnostics and produced
the same fixed file.
"""

import argparse
import os
import re
import subprocess
import sys

CHECK_COMMENT = re.compile(r'//\s*CHECK-(MESSAGES|FIXES)(-[A-Z0-9]+)?:.*$')


def fail(msg):
    sys.stderr.write('check_resilience: ' + msg + '\n')
    sys.exit(1)


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kw)


FINDING = re.compile(r'^(.*):(\d+):(\d+): (?:warning|error): .*\[([\w.,-]+)\]$')


def sort_findings(out):
    """Findings at one location in the order of their check names, each with
    the notes and source lines under it. clang-tidy 19 prints them so; 22
    prints them in another order, which says nothing about the checks."""
    head, blocks = [], []
    for line in out.splitlines(keepends=True):
        m = FINDING.match(line.rstrip('\n'))
        if m:
            blocks.append(((m.group(1), int(m.group(2)), int(m.group(3))),
                           m.group(4), [line]))
        elif blocks:
            blocks[-1][2].append(line)
        else:
            head.append(line)
    # Only consecutive findings at one location move among themselves.
    ordered, i = [], 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and blocks[j][0] == blocks[i][0]:
            j += 1
        ordered += sorted(blocks[i:j], key=lambda b: b[1])
        i = j
    return ''.join(head) + ''.join(''.join(b[2]) for b in ordered)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--clang-tidy', required=True)
    ap.add_argument('--plugin', required=True)
    ap.add_argument('--standalone', required=True)
    ap.add_argument('--filecheck', required=True)
    ap.add_argument('--frontend', default='both',
                    choices=['both', 'plugin', 'standalone'])
    ap.add_argument('--only-standalone', action='store_true',
                    help='run the standalone tool only (a sanitizer build)')
    ap.add_argument('--expect-exit', type=int, default=None,
                    help='expected exit code of the standalone tool')
    ap.add_argument('--partial-context', action='store_true',
                    help='the input deliberately includes a missing header: '
                         'the standalone tool must say that the file failed '
                         'to compile and exit 2; the findings that survive '
                         'are checked as usual')
    ap.add_argument('input')
    ap.add_argument('check')
    ap.add_argument('tmp')
    argv = sys.argv[1:]
    rest = []
    if '--' in argv:
        i = argv.index('--')
        argv, rest = argv[:i], argv[i + 1:]
    args = ap.parse_args(argv)

    tool_args, compiler_args = rest, []
    if '--' in rest:
        i = rest.index('--')
        tool_args, compiler_args = rest[:i], rest[i + 1:]

    with open(args.input, encoding='utf-8') as f:
        original = f.read()
    has_messages = 'CHECK-MESSAGES:' in original
    has_fixes = 'CHECK-FIXES:' in original
    cleaned = '\n'.join(CHECK_COMMENT.sub('//', line)
                        for line in original.split('\n'))
    ext = os.path.splitext(args.input)[1]

    frontends = ['plugin', 'standalone'] if args.frontend == 'both' else [args.frontend]
    if args.only_standalone:
        frontends = [fe for fe in frontends if fe == 'standalone']
    seen = {}
    for fe in frontends:
        src = '%s.%s%s' % (args.tmp, fe, ext)
        with open(src, 'w', encoding='utf-8') as f:
            f.write(cleaned)
        config = [] if any(a.startswith('--config') for a in tool_args) else ['--config={}']
        if fe == 'plugin':
            cmd = [args.clang_tidy, '-load=' + args.plugin,
                   '--checks=-*,' + args.check] + config + tool_args
            if has_fixes:
                cmd.append('-fix')
        else:
            cmd = [args.standalone, '--checks=-*,' + args.check] + config + tool_args
            if has_fixes:
                cmd.append('--fix')
        cmd += [src, '--'] + compiler_args
        proc = run(cmd)
        out = proc.stdout
        config_error = False
        if fe == 'standalone':
            # The standalone tool reports an invalid option value as a
            # configuration error of the run (stderr, exit 2), clang-tidy as
            # a warning without a location; compare them as the latter.
            def as_warning(m):
                return 'warning: %s [clang-tidy-config]' % m.group(1)
            out, n = re.subn(r'^resilience-tidy: error: configuration: (.*)$',
                             as_warning, out, flags=re.M)
            config_error = n > 0
        out = sort_findings(out)
        sys.stdout.write('$ %s\n%s' % (' '.join(cmd), out))
        if args.partial_context:
            if fe == 'standalone':
                summary = re.compile(r'^resilience-tidy: error: 1 file\(s\) failed to '
                                     r'compile; their findings are missing\n', re.M)
                if not summary.search(out):
                    fail('standalone did not report the file that failed to compile')
                out = summary.sub('', out)

        if fe == 'plugin' and proc.returncode != 0 and args.expect_exit is None \
                and not args.partial_context:
            fail('clang-tidy exited with %d' % proc.returncode)
        if fe == 'standalone':
            want = 2 if args.partial_context else args.expect_exit
            if want is None:
                want = 2 if config_error else \
                    1 if has_messages and ' warning: ' in out else 0
            if proc.returncode != want:
                fail('standalone exited with %d, expected %d' % (proc.returncode, want))

        if has_messages:
            fc = run([args.filecheck, args.input, '--check-prefix=CHECK-MESSAGES',
                      '--implicit-check-not={{warning|error}}:', '--dump-input=never'],
                     input=out)
            if fc.returncode != 0:
                fail('%s: CHECK-MESSAGES failed:\n%s' % (fe, fc.stdout))
        elif re.search(r'\b(warning|error):', out):
            fail('%s: printed a diagnostic the test does not expect' % fe)

        fixed = ''
        if has_fixes:
            with open(src, encoding='utf-8') as f:
                fixed = f.read()
            fc = run([args.filecheck, '--input-file=' + src, args.input,
                      '--check-prefix=CHECK-FIXES', '--match-full-lines',
                      '--dump-input=never'])
            if fc.returncode != 0:
                fail('%s: CHECK-FIXES failed:\n%s' % (fe, fc.stdout))

        diags = [l.replace(src, '<input>') for l in out.splitlines()
                 if re.search(r': (warning|error|note): ', l)]
        seen[fe] = (diags, fixed)

    if len(seen) == 2 and seen['plugin'] != seen['standalone']:
        fail('the plugin and the standalone tool disagree:\nplugin:\n  %s\nstandalone:\n  %s'
             % ('\n  '.join(seen['plugin'][0]), '\n  '.join(seen['standalone'][0])))


if __name__ == '__main__':
    main()
