#!/usr/bin/env bash
# Generates the Telegram Bot API corpora the benchmarks read: 100,000 and 1,000,000 posts (edits come on top),
# each with its ground truth, using `hajund simulate --write` from a release build. Same seed, same bytes.
#
#   bench/corpus/generate.sh [OUTPUT_DIR]        (default: bench/corpus/data, ignored by git)
#
# Environment: SEED (default 2022), SIZES (default "100000 1000000"), UPDATES_PER_FILE (split each corpus into
# files of that many updates; default: one updates.json per corpus), HAJUND_SCRATCH_PATH (SwiftPM scratch path).
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-bench/corpus/data}"
seed="${SEED:-2022}"
sizes="${SIZES:-100000 1000000}"
scratch=(--scratch-path "${HAJUND_SCRATCH_PATH:-.build}")

swift build -c release --product hajund "${scratch[@]}"
hajund="$(swift build -c release "${scratch[@]}" --show-bin-path)/hajund"

for posts in $sizes; do
  dir="$out/botapi-$posts"
  rm -rf "$dir"
  split=()
  if [ -n "${UPDATES_PER_FILE:-}" ]; then split=(--updates-per-file "$UPDATES_PER_FILE"); fi
  start=$(date +%s.%N)
  "$hajund" simulate --write "$dir" --format telegram-bot-api --posts "$posts" --seed "$seed" "${split[@]}"
  end=$(date +%s.%N)
  bytes=$(du -sb "$dir" | cut -f1)
  awk -v p="$posts" -v s="$start" -v e="$end" -v b="$bytes" -v d="$dir" 'BEGIN {
    t = e - s; printf "%s: %d posts in %.2f s (%.0f posts/s), %.1f MiB\n", d, p, t, p / t, b / 1048576 }'
done
