# make        — install what is missing (typst, CJK fonts), then build inputs/ into build/
# make test   — the same set-up, then every test
export PATH := $(HOME)/.cargo/bin:$(HOME)/.local/bin:$(PATH)

.PHONY: all setup build test clean

all: build

setup:
	bash scripts/setup.sh

build: setup
	cargo run --release --quiet -- build inputs --out build --formats md,html,pdf,json

test: setup
	bash scripts/setup-test.sh
	cargo test

clean:
	rm -rf build
