#!/usr/bin/env bash
# Installs the Debian 12 packages resilience-tidy needs to build and test,
# and nothing when they are all present (so `make` stays fast and offline).
# Root runs apt-get directly; anyone else goes through sudo.
#   scripts/install-deps.sh [LLVM]   LLVM: 16, 19 (default) or 22
# Debian 12 ships LLVM 16 and 19 in bookworm, and 22 in bookworm-security.
set -euo pipefail

LLVM=${1:-${LLVM:-19}}
case "$LLVM" in
  16|19|22) ;;
  *) echo "resilience-tidy: LLVM must be 16, 19 or 22 (Debian 12's releases), not '$LLVM'" >&2; exit 2 ;;
esac

PACKAGES=(
  # toolchain: the chosen LLVM/Clang (the plugin must match its clang-tidy)
  "clang-$LLVM" "libclang-$LLVM-dev" "libclang-cpp$LLVM-dev" "llvm-$LLVM-dev" "llvm-$LLVM-tools"
  "clang-tidy-$LLVM"
  # the plugin-refusal test loads each plugin into Debian 12's default
  # clang-tidy (14), the one a user most likely runs by mistake
  clang-tidy-14
  cmake ninja-build python3 make
  # cpack -G DEB: dpkg-shlibdeps computes the .deb's Depends, and needs file
  dpkg-dev file
  # unit tests
  libgtest-dev
  # the sanitizer job and the fuzz targets (scripts/ci-sanitizers.sh):
  # clang-19's ASan, UBSan and libFuzzer runtimes
  libclang-rt-19-dev
  # real library headers the tests and examples include
  libcurl4-openssl-dev
  # the tests validate SARIF with Microsoft's SARIF Multitool, from npm
  # (installed under the build directory by scripts/install-sarif-multitool.sh)
  nodejs git
  # retry-check tests: gRPC, cpp-httplib, libevent evhttp
  libgrpc++-dev libcpp-httplib-dev libevent-dev libboost-dev
  # resilience-missing-idempotency-key: Beast, cpp-httplib, POCO, Qt
  libboost-dev libcpp-httplib-dev libpoco-dev qtbase5-dev
  # resilience-missing-timeout: every library with a Debian package
  libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc
  libcpp-httplib-dev libboost-dev libthrift-dev libevent-dev qtbase5-dev pkg-config libpoco-dev
  libcpprest-dev
  # data stores and queues (issue 14): hiredis, libpq, MariaDB, ZeroMQ, librdkafka
  libhiredis-dev libpq-dev libmariadb-dev libzmq3-dev cppzmq-dev librdkafka-dev
  # the HTML report's test renders it in headless Chromium (as root: --no-sandbox)
  chromium
)
# Debian's npm comes apart from nodejs; a nodejs that already brings npm
# (e.g. NodeSource's) must not get Debian's on top.
command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "resilience-tidy: installing ${missing[*]}" >&2
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "resilience-tidy: missing packages (${missing[*]}) and no sudo; install them as root" >&2
    exit 2
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=900 update -q
"${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=900 install -y -q --no-install-recommends "${missing[@]}"
