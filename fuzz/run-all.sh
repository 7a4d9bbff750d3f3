#!/usr/bin/env bash
# Runs every fuzz target in turn for SECONDS each (default 300) and prints,
# per target, executions, wall time and whether it found a crash.
#   fuzz/run-all.sh [SECONDS]
set -uo pipefail
cd "$(dirname "$0")"
secs=${1:-300}
[ -d corpus ] || ./seed.sh
export RUSTC_BOOTSTRAP=1
for t in html text rules warc jsonl markdown tokenizer; do
    mkdir -p corpus/$t artifacts/$t
    log=artifacts/$t.log
    start=$(date +%s)
    cargo fuzz run -O "$t" corpus/$t -- -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -max_len=262144 \
        -artifact_prefix=artifacts/$t/ >"$log" 2>&1
    code=$?
    end=$(date +%s)
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    [ -n "$execs" ] || execs=$(grep -oE '#[0-9]+' "$log" | tail -1 | tr -d '#')
    echo "$t: exit $code, ${execs:-?} executions in $((end - start)) s, artifacts: $(ls artifacts/$t | wc -l)"
done
