#!/usr/bin/env bash
# Installs Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool) into
# DIR, for the tests that validate the SARIF the tool writes. Does nothing
# when it is already there. Without node/npm or the registry it says so and
# exits 0: the validation steps are then skipped (lit feature
# 'sarif-multitool'), never faked.
set -uo pipefail
DIR=${1:?usage: install-sarif-multitool.sh DIR}
VERSION=5.7.0
BIN="$DIR/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"

if [ -x "$BIN" ] && grep -q "\"version\": \"$VERSION\"" \
     "$DIR/node_modules/@microsoft/sarif-multitool-linux/package.json" 2>/dev/null; then
  echo "sarif-multitool $VERSION: present in $DIR"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "sarif-multitool: npm not found; SARIF validation tests will be skipped" >&2
  exit 0
fi
mkdir -p "$DIR"
# --ignore-scripts: the package's only script is a chmod, done below.
if ! npm install --prefix "$DIR" --no-audit --no-fund --no-save --ignore-scripts \
     "@microsoft/sarif-multitool@$VERSION" >"$DIR/npm-install.log" 2>&1; then
  echo "sarif-multitool: npm install failed (see $DIR/npm-install.log); SARIF validation tests will be skipped" >&2
  tail -5 "$DIR/npm-install.log" >&2
  exit 0
fi
chmod u+x "$BIN"
echo "sarif-multitool $VERSION: installed in $DIR"
