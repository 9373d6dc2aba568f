# The two commands of the README:
#   make run   installs what is missing, builds, analyzes examples/
#   make test  installs what is missing, builds, runs every test (ctest)
BUILD ?= build
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: all deps configure build run test clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 $(CMAKE_FLAGS)

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

clean:
	rm -rf $(BUILD)
