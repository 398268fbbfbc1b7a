#!/usr/bin/env bash
# Installs what only the tests need, when it is missing: Chromium (the browser test of
# `xxgk serve`, driven over the DevTools protocol). Safe to run again.
set -euo pipefail

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup-test: need root (or sudo) to run: $*" >&2; return 1; fi
}

apt_missing=()
command -v chromium >/dev/null 2>&1 || apt_missing+=(chromium)
if [ ${#apt_missing[@]} -gt 0 ]; then
  echo "setup-test: installing ${apt_missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi
