#!/usr/bin/env python3
"""run_action_step.py ACTION_YML STEP_NAME [KEY=VALUE ...]

Runs one `run:` step of a composite action the way the GitHub runner does
(bash --noprofile --norc -eo pipefail), with its `env:` block. `${{ ... }}`
expressions in the env values are replaced from the KEY=VALUE arguments
(keys like inputs.build-dir or github.event.pull_request.base.sha); the
script itself must contain no expression, since that is how script
injection happens, and this fails if it does. Variables such as
GITHUB_OUTPUT come from the caller's environment.

A small reader for the shapes action.yml uses, so the test needs no YAML
library."""
import os
import re
import subprocess
import sys

EXPR = re.compile(r'\$\{\{\s*([^}]*?)\s*\}\}')


def indent(line):
    return len(line) - len(line.lstrip(' '))


def find_step(lines, name):
    for i, line in enumerate(lines):
        if line.strip() == '- name: ' + name:
            return i, indent(line)
    sys.exit('no step named %r' % name)


def block(lines, start, parent_indent):
    """Lines after `start` indented deeper than parent_indent."""
    out = []
    for line in lines[start + 1:]:
        if line.strip() and indent(line) <= parent_indent:
            break
        out.append(line)
    return out


def main():
    path, name, pairs = sys.argv[1], sys.argv[2], sys.argv[3:]
    values = dict(p.split('=', 1) for p in pairs)
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    i, step_indent = find_step(lines, name)
    body = block(lines, i, step_indent)
    env, script = {}, None
    for j, line in enumerate(body):
        s = line.strip()
        key_indent = indent(line)
        if s == 'env:':
            for e in block(body, j, key_indent):
                if e.strip():
                    k, v = e.strip().split(':', 1)
                    env[k.strip()] = v.strip()
        if s == 'run: |':
            raw = block(body, j, key_indent)
            text_indent = min(indent(l) for l in raw if l.strip())
            script = '\n'.join(l[text_indent:] for l in raw).rstrip() + '\n'
    if script is None:
        sys.exit('step %r has no run block' % name)
    if EXPR.search(script):
        sys.exit('step %r expands an expression inside its script' % name)

    def subst(v):
        return EXPR.sub(lambda m: values.get(m.group(1), ''), v)
    run_env = dict(os.environ)
    run_env.update({k: subst(v) for k, v in env.items()})
    proc = subprocess.run(['bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c', script],
                          env=run_env)
    sys.exit(proc.returncode)


if __name__ == '__main__':
    main()
