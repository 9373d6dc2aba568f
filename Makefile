# The two commands of the README:
#   make run   installs what is missing, builds, analyzes examples/
#   make test  installs what is missing, builds, runs every test (ctest)
# LLVM picks Debian 12's LLVM/Clang release (16, 19 or 22; 19 by default),
# each in its own build directory: build, build-16, build-22.
LLVM ?= 19
ifeq ($(LLVM),19)
BUILD ?= build
else
BUILD ?= build-$(LLVM)
endif
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: all deps configure build run test package clean

all: build

deps:
	@scripts/install-deps.sh $(LLVM)

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja -DRT_LLVM_VERSION=$(LLVM) \
	  -DCMAKE_CXX_COMPILER=clang++-$(LLVM) $(CMAKE_FLAGS)

configure: $(BUILD)/build.ninja

build: deps configure
	cmake --build $(BUILD)

# Findings make the tool exit 1; that is the expected outcome on examples/,
# so only exit 2 (the tool could not do its job) fails `make run`.
run: build
	@echo "== resilience-tidy -p $(BUILD)/examples (the sample service in examples/)"
	@$(BUILD)/bin/resilience-tidy -p $(BUILD)/examples; rc=$$?; \
	  if [ $$rc -eq 1 ]; then echo "== findings reported (exit 1), as expected on examples/"; \
	  elif [ $$rc -ne 0 ]; then exit $$rc; fi

test: build
	cd $(BUILD) && ctest --output-on-failure

# The .deb for this LLVM release, in $(BUILD)/.
package: build
	cd $(BUILD) && cpack -G DEB

clean:
	rm -rf $(BUILD)
