#!/usr/bin/env bash
# Installs what `make` needs to build the reports, when it is missing: the typst CLI (pinned)
# and CJK fonts. What only the tests need is in scripts/setup-test.sh (run by `make test`).
# Safe to run again: it only installs what is not there.
set -euo pipefail

TYPST_VERSION=0.15.1
export PATH="$HOME/.cargo/bin:$PATH"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup: need root (or sudo) to run: $*" >&2; return 1; fi
}

apt_missing=()
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || apt_missing+=(fonts-noto-cjk)
dpkg -s fonts-arphic-ukai >/dev/null 2>&1 || apt_missing+=(fonts-arphic-ukai)
if [ ${#apt_missing[@]} -gt 0 ]; then
  echo "setup: installing ${apt_missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null; then
  echo "setup: cargo not found; install Rust first (https://rustup.rs or apt-get install cargo)" >&2
  exit 1
fi

have=$(typst --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$TYPST_VERSION" ]; then
  echo "setup: installing typst $TYPST_VERSION (found: ${have:-none}); this compiles for several minutes"
  cargo install typst-cli --locked --version "$TYPST_VERSION" \
    --no-default-features --features embedded-fonts
fi
typst --version
