#!/usr/bin/env bash
# Peak resident memory of one pith extraction, page by page.
#
#   scripts/peak-memory.sh [SET...]      (default: trafilatura-dev wcxb-dev)
#
# Builds the `peak_mem` example (release; honours CARGO_TARGET_DIR), decompresses
# every page of each ../shared/data/SET/pages into a temporary folder, runs
# `peak_mem PAGE` once per page (one process per page, so each figure is that
# page's own high-water mark) and reports, per set: the largest peak RSS and its
# page, the median, and the baseline (the same process on a tiny page: binary,
# lexicons, allocator). Peak RSS is GNU time's "Maximum resident set size" when
# /usr/bin/time is present, else VmHWM as the example reads it from /proc.
set -euo pipefail

cd "$(dirname "$0")/.."
data=../shared/data
if [ ! -d "$data" ]; then
    echo "peak memory: $data not found; skipped"
    exit 0
fi
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(trafilatura-dev wcxb-dev)

cargo build --release --quiet --example peak_mem
bin="${CARGO_TARGET_DIR:-target}/release/examples/peak_mem"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pith-peak-mem.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

use_time=0
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
    use_time=1
fi

# peak_kib FILE: peak RSS of one extraction of FILE, in KiB.
peak_kib() {
    local out
    if [ $use_time = 1 ]; then
        out=$( { /usr/bin/time -v "$bin" "$1" >/dev/null; } 2>&1 )
        sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' <<<"$out"
    else
        out=$("$bin" "$1")
        sed -n 's/.* peak_rss_kib=\([0-9]*\).*/\1/p' <<<"$out"
    fi
}

printf '<html><head><title>t</title></head><body><p>A tiny page.</p></body></html>\n' >"$tmp/tiny.html"
base=$(peak_kib "$tmp/tiny.html")
echo "peak memory ($([ $use_time = 1 ] && echo '/usr/bin/time -v' || echo 'VmHWM')), one process per page; baseline on a tiny page: $(awk -v k="$base" 'BEGIN{printf "%.1f", k/1024}') MiB"

for set in "${sets[@]}"; do
    pages="$data/$set/pages"
    if [ ! -d "$pages" ]; then
        echo "$set: $pages not found; skipped"
        continue
    fi
    dir="$tmp/$set"
    mkdir -p "$dir"
    for f in "$pages"/*; do
        name=$(basename "$f")
        case "$name" in
            *.gz) gzip -dc "$f" >"$dir/${name%.gz}" ;;
            *) cp "$f" "$dir/$name" ;;
        esac
    done
    results="$tmp/$set.tsv"
    : >"$results"
    for f in "$dir"/*; do
        printf '%s\t%s\t%s\n' "$(peak_kib "$f")" "$(stat -c %s "$f")" "$(basename "$f")" >>"$results"
    done
    n=$(wc -l <"$results")
    read -r max_kib max_bytes max_page < <(sort -n -k1,1 "$results" | tail -1)
    med_kib=$(sort -n -k1,1 "$results" | awk -v n="$n" 'NR == int((n + 1) / 2) {print $1}')
    read -r big_kib big_bytes big_page < <(sort -n -k2,2 "$results" | tail -1)
    awk -v set="$set" -v n="$n" -v mk="$max_kib" -v mb="$max_bytes" -v mp="$max_page" -v md="$med_kib" \
        -v bk="$big_kib" -v bb="$big_bytes" -v bp="$big_page" -v base="$base" 'BEGIN {
        printf "%s: %d pages; peak RSS max %.1f MiB (%s, %.2f MB input; %.1f MiB over baseline), median %.1f MiB; largest page %s (%.2f MB): %.1f MiB\n",
            set, n, mk / 1024, mp, mb / 1e6, (mk - base) / 1024, md / 1024, bp, bb / 1e6, bk / 1024 }'
done
