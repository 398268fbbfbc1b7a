#!/usr/bin/env bash
# What only the tests need, on top of scripts/setup.sh: LibreOffice Writer (no GUI), with which
# tests/docx.rs opens the generated .docx as a user would (`soffice --convert-to pdf`).
# `make test` (and so CI) runs it; `make` does not: building reports never needs LibreOffice.
set -euo pipefail

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup-test: need root (or sudo) to run: $*" >&2; return 1; fi
}

if ! command -v soffice >/dev/null 2>&1; then
  echo "setup-test: installing libreoffice-writer-nogui"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
    libreoffice-writer-nogui >/dev/null
fi
soffice --version
