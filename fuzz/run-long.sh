#!/usr/bin/env bash
# Runs every fuzz target for $1 seconds (default 1800), two at a time, at low priority.
# Findings land in artifacts/<target>/; the corpus grows in corpus/<target>/.
set -u
secs=${1:-1800}
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
run() { nice -n 19 cargo fuzz run -O "$1" -- -max_total_time="$secs" -max_len=8192 > "logs/$1.log" 2>&1; echo "$1 exit $?" >> logs/summary; }
mkdir -p logs; : > logs/summary
run load_check & run escape_markdown & wait
run escape_html & run escape_typst & wait
