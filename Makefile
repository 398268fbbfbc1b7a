# make        — install what is missing (typst, CJK fonts), install xxgk into ~/.cargo/bin,
#               then build inputs/ into build/
# make test   — the same set-up plus what only the tests need (scripts/setup-test.sh), then
#               every test
export PATH := $(HOME)/.cargo/bin:$(HOME)/.local/bin:$(PATH)

.PHONY: all setup setup-test install build test clean

all: build

setup:
	bash scripts/setup.sh

# `xxgk` on PATH (~/.cargo/bin), so that every README example runs as written.
install: setup
	cargo install --path . --locked --quiet

build: install
	xxgk build inputs --out build --formats md,html,pdf,json

# Test-only tools (pdftotext, the HTML validator, LibreOffice), never for `make`.
setup-test: setup
	bash scripts/setup-test.sh

test: setup-test
	cargo test

clean:
	rm -rf build
