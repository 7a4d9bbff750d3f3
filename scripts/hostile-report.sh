#!/usr/bin/env bash
# The hostile-input suite's table: per case, wall time, peak RSS and outcome.
#   scripts/hostile-report.sh
set -euo pipefail
cd "$(dirname "$0")/.."
echo "| case | time | peak RSS | outcome |"
echo "| --- | --- | --- | --- |"
for t in tests/hostile*.rs; do
    cargo test --release --quiet --test "$(basename "$t" .rs)" -- --nocapture --test-threads 1 2>/dev/null | grep -o "| .* MiB | .*" || true
done
