#!/usr/bin/env bash
# Benchmark, not a test: how much the analysis costs on top of parsing.
# Compares, per file of examples/, `clang -fsyntax-only` with the standalone
# tool and with clang-tidy + the plugin of the build's LLVM release, over a
# few repetitions, and reports wall time and peak memory (GNU time when
# present).
# Usage: bench/run.sh [build-dir] [repetitions]
set -euo pipefail
BUILD=${1:-build}
REPS=${2:-5}
EX=$(cd "$(dirname "$0")/../examples" && pwd)
TOOL="$BUILD/bin/resilience-tidy"
PLUGIN=$(ls "$BUILD"/lib/ResilienceTidyModule-*.so | head -1)
LLVM=${PLUGIN##*-}; LLVM=${LLVM%.so}
TIME=()
[ -x /usr/bin/time ] && TIME=(/usr/bin/time -f '%e s %M KiB')

measure() { # label, command...
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  for _ in $(seq "$REPS"); do "$@" >/dev/null 2>&1 || true; done
  end=$(date +%s.%N)
  printf '%-28s %8.3f s/run' "$label" "$(echo "($end - $start) / $REPS" | bc -l)"
  if [ ${#TIME[@]} -gt 0 ]; then
    printf '   peak %s' "$("${TIME[@]}" "$@" 2>&1 >/dev/null | tail -1 | awk '{print $3, $4}')"
  fi
  printf '\n'
}

for f in "$EX"/src/*.c "$EX"/src/*.cpp; do
  case "$f" in *.c) std=-std=c11 ;; *) std=-std=c++17 ;; esac
  echo "== $(basename "$f")"
  measure "clang -fsyntax-only" "clang-$LLVM" -fsyntax-only $std -I"$EX/src" "$f"
  measure "resilience-tidy" "$TOOL" "$f" -- $std -I"$EX/src"
  measure "clang-tidy-$LLVM + plugin" "clang-tidy-$LLVM" -load="$PLUGIN" --checks='-*,resilience-*' "$f" -- $std -I"$EX/src"
done
