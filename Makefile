# CMMGate — the commands a newcomer runs on a fresh Debian 12 machine.
#   make test   set up (Debian packages, Python venv), lint, run every test, smoke-fuzz
#   make demo   the main job end to end on simulated meters (meters -> agent -> HJ 212 -> relay -> report)
# Every target that needs set-up does its own first (Scripts/setup-host is idempotent and fast
# when nothing is missing).

SWIFT        ?= swift
BUILD_FLAGS  ?=
RELEASE_DIR  := .build/release
STRIPPED     := .build/cmmgate-stripped
FUZZ_SECONDS ?= 60
SMOKE_FUZZ_SECONDS ?= 10

.PHONY: all setup build test test-long test-swift test-process lint release size fuzz fuzz-smoke bench demo clean

all: build

setup:
	@Scripts/setup-host

build: setup
	$(SWIFT) build $(BUILD_FLAGS)

# The README's test command; .ci/run runs exactly this.
test: setup lint test-swift test-process fuzz-smoke

test-swift:
	$(SWIFT) test $(BUILD_FLAGS)

# The long power-cut campaign (tens of thousands of cut points, ~10 min) and longer fuzzing.
test-long: setup lint
	CMMGATE_LONG_CAMPAIGN=1 $(SWIFT) test $(BUILD_FLAGS) --filter PowerCut
	@Scripts/fuzz 300

# Process-level tests of the cmmgate binary, against independent peers where they exist.
test-process: build
	CMMGATE_BIN=$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/cmmgate .venv/bin/python -m pytest -q Tests/Process

lint:
	@Scripts/lint

# Release build: Swift runtime linked statically, symbols stripped into $(STRIPPED).
release: setup
	$(SWIFT) build -c release --static-swift-stdlib -Xswiftc -Osize
	strip -o $(STRIPPED) $(RELEASE_DIR)/cmmgate
	@echo "stripped binary: $(STRIPPED)"

size: release
	@Scripts/size $(RELEASE_DIR)/cmmgate $(STRIPPED)

fuzz: setup
	@Scripts/fuzz $(FUZZ_SECONDS)

fuzz-smoke:
	@Scripts/fuzz $(SMOKE_FUZZ_SECONDS)

bench: setup
	@Scripts/bench

# The whole chain on simulated meters: cmmgate-sim -> cmmgate run -> HJ 212 -> cmmgate-relay -> report (Scripts/demo).
demo: setup
	$(SWIFT) build $(BUILD_FLAGS)
	@Scripts/demo

clean:
	rm -rf .build .build-fuzz
