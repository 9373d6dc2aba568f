#!/usr/bin/env bash
# Benchmark, not a test: see bench/bench.py (the one script) and
# docs/performance.md for the latest table.
# Usage: bench/run.sh [bench.py options] [compile-database dirs...]
exec python3 "$(dirname "$0")/bench.py" "$@"
