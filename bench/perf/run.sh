#!/usr/bin/env bash
# End-to-end performance benchmark (docs/performance.md): builds hajund in release mode, generates the 100,000- and
# 1,000,000-post Bot API corpora with the simulator, and measures in one run
#   - a physical reference: `cat` and `jq -c .` over the same files;
#   - `hajund replay` end to end (posts/s by CPU time and by wall time, peak RSS) on both corpora;
#   - the cost of each stage (`hajund replay --profile`: parse, normalize, fingerprint, classify, dedup, rules,
#     encode, write, by thread CPU time);
#   - the daemon path: `hajund run --once` over the 100k corpus, writing the rotating log with `fsync: interval`;
#   - scaling with the dedup window (10k, 100k, 1M remembered posts) and with the number of alert rules (1, 10, 100);
#   - the reference Python pipeline (json, datasketch MinHashLSH, regex keywords, json.dumps) on the 100k and the 1M
#     corpus, installed from PyPI into a venv, side by side with hajund's dedup precision/recall and category accuracy.
# Prints a Markdown report and keeps it as $HAJUND_PERF_DIR/report.md.
#
# Usage: bench/perf/run.sh
# Environment: HAJUND_PERF_DIR (corpora, venv, logs; default /tmp/hajund-perf, reused between runs), SEED (2022),
#   SMALL (100000), LARGE (1000000; smaller sizes make a quick check, the rows keep their "100k"/"1M" labels),
#   HAJUND_SCRATCH_PATH (SwiftPM scratch path, default .build), PYTHON_LARGE (0: the Python reference on the 100k
#   corpus only, saving about 6 minutes).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
work=${HAJUND_PERF_DIR:-/tmp/hajund-perf}
seed=${SEED:-2022}
small=${SMALL:-100000}
large=${LARGE:-1000000}
scratch=(--scratch-path "${HAJUND_SCRATCH_PATH:-$root/.build}")
mkdir -p "$work"
results="$work/results.tsv"
: >"$results"
started=$(date +%s)
{
    echo "- Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores," \
        "$(free -g | awk '/^Mem:/ {print $2}') GiB; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "- Run: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), seed $seed."
} >"$work/machine.txt"

log() { printf '%s\n' "$*" >&2; }

for tool in /usr/bin/time jq python3; do
    if ! command -v "$tool" >/dev/null; then
        log "bench/perf/run.sh needs $tool: apt-get install -y time jq python3-venv"
        exit 2
    fi
done

# --- build -------------------------------------------------------------------------------------------------------
log "== building hajund (release)"
swift build -c release --product hajund "${scratch[@]}" >&2
hajund="$(swift build -c release "${scratch[@]}" --show-bin-path)/hajund"

# --- corpora -----------------------------------------------------------------------------------------------------
# The large corpus is split into files of 100,000 updates (about 55 MiB each), as a poller's responses would be.
corpus() {
    local posts=$1 dir="$work/botapi-$1-seed$seed"
    if [ ! -f "$dir/.complete" ]; then
        log "== generating $posts posts (seed $seed) into $dir"
        rm -rf "$dir"
        local split=()
        if [ "$posts" -gt 100000 ]; then split=(--updates-per-file 100000); fi
        "$hajund" simulate --write "$dir" --format telegram-bot-api --posts "$posts" --seed "$seed" "${split[@]}" >&2
        touch "$dir/.complete"
    fi
    echo "$dir"
}
small_dir=$(corpus "$small")
large_dir=$(corpus "$large")
small_files=("$small_dir"/updates*.json)
large_files=("$large_dir"/updates*.json)
small_count=$(wc -l <"$small_dir/truth.jsonl")
large_count=$(wc -l <"$large_dir/truth.jsonl")
large_bytes=$(cat "${large_files[@]}" | wc -c)

# --- measuring ---------------------------------------------------------------------------------------------------
# measure NAME POSTS COMMAND...: runs COMMAND under /usr/bin/time and records user+sys CPU seconds, wall seconds
# and peak RSS (KiB) of the command's process tree as one line of $results. stdout goes to /dev/null unless the
# command redirects it itself (use `sh -c`).
measure() {
    local name=$1 posts=$2
    shift 2
    log "== $name"
    local timing="$work/time.txt"
    /usr/bin/time -o "$timing" -f '%U %S %e %M' "$@" >/dev/null
    read -r user sys wall rss <"$timing"
    local cpu
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$posts" "$cpu" "$wall" "$rss" >>"$results"
    log "   $cpu s CPU, $wall s wall, $((rss / 1024)) MiB peak RSS"
}

# --- physical reference ------------------------------------------------------------------------------------------
measure "cat (1M corpus)" "$large_count" cat "${large_files[@]}"
measure "jq -c . (100k corpus)" "$small_count" jq -c . "${small_files[@]}"
measure "jq -c . (1M corpus)" "$large_count" jq -c . "${large_files[@]}"

# --- hajund replay -----------------------------------------------------------------------------------------------
measure "hajund replay (100k corpus)" "$small_count" "$hajund" replay "${small_files[@]}"
measure "hajund replay (1M corpus)" "$large_count" "$hajund" replay "${large_files[@]}"
log "== hajund replay --profile (1M corpus)"
"$hajund" replay --profile "${large_files[@]}" 2>"$work/profile.txt" >/dev/null
cat "$work/profile.txt" >&2

# --- scaling: dedup window and rules -----------------------------------------------------------------------------
# The corpus holds about 1,000 posts a simulated day, so the exact window in days is about the remembered posts in
# thousands.
config_with() { # config_with FILE DEDUP_EXACT_WINDOW RULE_COUNT
    local file=$1 window=$2 rules=$3
    {
        echo "version: 1"
        echo "feeds: []"
        echo "dedup:"
        echo "  exact_window: $window"
        echo "  near_window: 6h"
        echo "receivers:"
        echo "  - name: bench-file"
        echo "    type: file"
        echo "    path: $work/alerts.jsonl"
        if [ "$rules" -gt 0 ]; then echo "rules:"; fi
        python3 "$root/bench/perf/rules.py" "$rules"
    } >"$file"
}
# Run with --profile for the index's size at the end (the figure in the table), which it prints to stderr.
for window in 10d 100d 1000d; do
    config_with "$work/window-$window.yaml" "$window" 2
    measure "replay, exact window $window (1M corpus)" "$large_count" bash -c 'exec "$@" 2>"$0"' \
        "$work/window-$window.txt" "$hajund" replay --profile --config "$work/window-$window.yaml" "${large_files[@]}"
    remembered=$(sed -n 's/^dedup index at the end: \([0-9]*\) remembered posts.*, \([0-9]*\) KiB$/\1 posts remembered, \2 KiB/p' \
        "$work/window-$window.txt")
    sed -i "\$s|^replay, exact window $window (1M corpus)|replay, exact window $window: $remembered|" "$results"
done
# On the 100k corpus, to keep the run short: rules cost the same per post whatever the corpus size.
for rules in 1 10 100; do
    config_with "$work/rules-$rules.yaml" 7d "$rules"
    measure "replay, $rules rules (100k corpus)" "$small_count" \
        "$hajund" replay --config "$work/rules-$rules.yaml" "${small_files[@]}"
done

# --- the daemon path ---------------------------------------------------------------------------------------------
daemon="$work/daemon"
rm -rf "$daemon"
mkdir -p "$daemon"
cat >"$daemon/hajund.yaml" <<EOF
version: 1
feeds:
  - name: perf
    path: ${small_files[0]}
    format: telegram-bot-api
log:
  path: $daemon/log/events.jsonl
  fsync: interval
state:
  directory: $daemon/state
receivers:
  - name: bench-file
    type: file
    path: $daemon/alerts.jsonl
rules:
  - name: missile-launch
    type: any
    match: { category: missile_launch }
    receiver: bench-file
  - name: aviation-high
    type: any
    match: { category: aviation, severity: high }
    receiver: bench-file
EOF
# The 100k corpus (one 55 MiB file; the daemon refuses feed files over 256 MiB): at about 3,000 posts/s of wall
# time the 1M corpus would take most of the time budget.
measure "hajund run --once (100k corpus, fsync interval)" "$small_count" \
    "$hajund" run --once --config "$daemon/hajund.yaml"
log "   log: $(du -sh "$daemon/log" | cut -f1), state: $(du -sh "$daemon/state" | cut -f1)"

# --- the Python reference ----------------------------------------------------------------------------------------
venv="$work/venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import datasketch' 2>/dev/null; then
    log "== installing datasketch from PyPI into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q datasketch >&2
fi
measure "Python reference (100k corpus)" "$small_count" \
    "$venv/bin/python" "$root/bench/perf/reference_pipeline.py" "$work/python-events.jsonl" "${small_files[@]}"
"$hajund" replay "${small_files[@]}" >"$work/hajund-events.jsonl"
python3 "$root/bench/perf/score.py" "$small_dir/truth.jsonl" "$work/hajund-events.jsonl" >"$work/quality-hajund.json"
python3 "$root/bench/perf/score.py" "$small_dir/truth.jsonl" "$work/python-events.jsonl" >"$work/quality-python.json"
# The same on the 1M corpus, the corpus of the replay target: about 6 minutes of Python (its MinHashLSH slows as it
# fills: ~4,000 posts/s on the 100k corpus, ~3,000 on the 1M one) and 4 GiB of RSS. PYTHON_LARGE=0 leaves it out.
if [ "${PYTHON_LARGE:-1}" != 0 ]; then
    measure "Python reference (1M corpus)" "$large_count" \
        "$venv/bin/python" "$root/bench/perf/reference_pipeline.py" "$work/python-events-1m.jsonl" "${large_files[@]}"
    "$hajund" replay "${large_files[@]}" >"$work/hajund-events-1m.jsonl"
    python3 "$root/bench/perf/score.py" "$large_dir/truth.jsonl" "$work/hajund-events-1m.jsonl" \
        >"$work/quality-hajund-1m.json"
    python3 "$root/bench/perf/score.py" "$large_dir/truth.jsonl" "$work/python-events-1m.jsonl" \
        >"$work/quality-python-1m.json"
    rm -f "$work/hajund-events-1m.jsonl" "$work/python-events-1m.jsonl"
fi

# --- report ------------------------------------------------------------------------------------------------------
echo "- Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)." >>"$work/machine.txt"
python3 "$root/bench/perf/report.py" "$work" "$large_bytes" "$(($(date +%s) - started))" | tee "$work/report.md"
