#!/usr/bin/env python3
"""validate_sarif.py MULTITOOL FILE...: validates SARIF files with Microsoft's
SARIF Multitool, with its SARIF rules and GitHub's ingestion rules (Gh), and
fails if it reports any error. Prints every error and warning it reports,
then one summary line per file: '<file>: N error(s), M warning(s)'."""
import json
import os
import subprocess
import sys
import tempfile


def main():
    tool, files = sys.argv[1], sys.argv[2:]
    failed = False
    for path in files:
        with tempfile.TemporaryDirectory() as tmp:
            log = os.path.join(tmp, 'validation.sarif')
            proc = subprocess.run(
                [tool, 'validate', '--rule-kind', 'Sarif;Gh',
                 '--level', 'Error;Warning', '--output', log, path],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                universal_newlines=True)
            if proc.returncode != 0 or not os.path.exists(log):
                sys.stdout.write(proc.stdout)
                print('%s: the validator did not run' % path)
                failed = True
                continue
            with open(log, encoding='utf-8') as f:
                out = json.load(f)
        counts = {'error': 0, 'warning': 0}
        for run in out.get('runs', []):
            for res in run.get('results', []):
                level = res.get('level', 'warning')
                if level in counts:
                    counts[level] += 1
                msg = res.get('message', {})
                print('%s %s: %s' % (level, res.get('ruleId'),
                                     msg.get('text') or ' '.join(msg.get('arguments', []))))
            for inv in run.get('invocations', []):
                for n in (inv.get('toolExecutionNotifications', []) +
                          inv.get('toolConfigurationNotifications', [])):
                    if n.get('level') == 'error':
                        counts['error'] += 1
                        print('error (validator): %s' % n.get('message', {}).get('text'))
        print('%s: %d error(s), %d warning(s)' % (os.path.basename(path),
                                                  counts['error'], counts['warning']))
        failed = failed or counts['error'] > 0
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
