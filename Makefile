# make        — install what is missing (typst, CJK fonts), then build inputs/ into build/
# make test   — the same set-up plus LibreOffice (scripts/setup-test.sh), then every test
export PATH := $(HOME)/.cargo/bin:$(HOME)/.local/bin:$(PATH)

.PHONY: all setup setup-test build test clean

all: build

setup:
	bash scripts/setup.sh

build: setup
	cargo run --release --quiet -- build inputs --out build --formats md,html,pdf,json

# LibreOffice only for the tests (tests/docx.rs opens the .docx with it), never for `make`.
setup-test: setup
	bash scripts/setup-test.sh

test: setup-test
	cargo test

clean:
	rm -rf build
