#!/usr/bin/env bash
# The sanitizer job of CI (run by .ci/run after `make test`):
#  1. builds the standalone tool, the unit tests and the libFuzzer targets
#     with -fsanitize=address,undefined (LLVM's libraries stay as Debian
#     ships them) in its own build directory;
#  2. runs the unit tests and the whole lit suite with the standalone tool
#     (an ASan-built plugin cannot be loaded into Debian's clang-tidy-19, so
#     the check tests run the standalone front end only);
#  3. runs each fuzz target on its committed seed corpus (test/fuzz/corpus)
#     for a fixed number of inputs (about 10-20 s of one core each; scale
#     them all with FUZZ_SCALE, e.g. 0.1 for a quick local run). New inputs go to a scratch directory, never into
#     the repository; a crash leaves its input in $BUILD/fuzz-artifacts:
#     add it to the target's corpus as a regression test once fixed.
# Bounded: on 2 cores the build takes a few minutes with a warm ccache, the
# tests and the fuzzing a few more.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

BUILD=${BUILD_SANITIZE:-build-sanitize}
FUZZ_SCALE=${FUZZ_SCALE:-1}
# Inputs per target: the cheaper the target, the more inputs.
declare -A FUZZ_RUNS=(
  [baseline]=500000 [unified-diff]=500000 [service-config]=300000
  [option-values]=300000 [argument-sanitizer]=100000 [escapers]=200000)

cmake -S . -B "$BUILD" -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O0" \
  -DRT_SANITIZE=ON -DRT_FUZZ=ON > "$BUILD.configure.log" 2>&1 ||
  { cat "$BUILD.configure.log"; exit 1; }
cmake --build "$BUILD" --target resilience-tidy resilience-unittests fuzzers

# LLVM's libraries are not instrumented: containers they fill look like
# overflows to ASan, and LLVM keeps some memory to the end on purpose.
export ASAN_OPTIONS=detect_leaks=0:detect_container_overflow=0:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

echo "== unit tests under ASan+UBSan"
"$BUILD/bin/resilience-unittests" --gtest_brief=1

echo "== lit suite under ASan+UBSan (standalone tool)"
python3 /usr/lib/llvm-19/build/utils/lit/lit.py -s --param sanitized=1 "$BUILD/test"

echo "== fuzzing"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$BUILD/fuzz-artifacts"
for corpus in test/fuzz/corpus/*/; do
  name=$(basename "$corpus")
  mkdir -p "$scratch/$name"
  runs=$(python3 -c "print(max(1, int(${FUZZ_RUNS[$name]:-100000} * $FUZZ_SCALE)))")
  start=$SECONDS
  "$BUILD/bin/fuzz-$name" -runs="$runs" -seed=1 -max_len=4096 -max_total_time=120 \
    -artifact_prefix="$BUILD/fuzz-artifacts/$name-" \
    "$scratch/$name" "$corpus" > "$scratch/$name.log" 2>&1 ||
    { tail -40 "$scratch/$name.log"; echo "fuzz-$name failed; input in $BUILD/fuzz-artifacts"; exit 1; }
  echo "fuzz-$name: $(grep -o 'Done [0-9]* runs' "$scratch/$name.log" | tail -1) in $((SECONDS - start)) s"
done
