#!/bin/sh
# Idle footprint of the running daemon at real-time rate: a release `hajund run` polls a simulator that publishes
# about 1,000 posts a day (`hajund simulate --serve --rate realtime`, a process of its own so that its memory is not
# counted) through a Bot API feed with long polling, two RSS feeds and a JSON Lines file feed, with the default
# alert rules. After a warm-up, it samples the daemon's RSS (VmRSS, and VmHWM for the peak) and CPU time (utime +
# stime from /proc/PID/stat) over N seconds, and prints them with the thread count and the events logged.
# The daemon gives back the code pages start-up touched 30 s after it starts (`server.trim_memory`, default: then
# every 5 minutes), so the warm-up is 45 s by default; the RSS at 25 s, before that first trim, is printed too.
# The peer in the same run is the floor of the same binary: `hajund tail --follow` on the daemon's log, a process
# that loads the same runtime and libraries and does almost nothing; the ratio says what the daemon's work adds.
# Usage: bench/idle/run.sh [seconds to measure, default 60] [warm-up seconds, default 45, at least 26]
# Env: HAJUND_BIN (a hajund binary; default: build release), HAJUND_IDLE_EXTRA_ENV (e.g. MALLOC_ARENA_MAX=8).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
seconds=${1:-60}
warmup=${2:-45}
[ "$warmup" -ge 26 ] || { echo "the warm-up must be at least 26 s" >&2; exit 2; }
if [ -n "${HAJUND_BIN:-}" ]; then
    bin=$HAJUND_BIN
else
    scratch=${HAJUND_BENCH_SCRATCH:-$root/.build}
    swift build -c release --product hajund --scratch-path "$scratch" >&2
    bin=$(swift build -c release --show-bin-path --scratch-path "$scratch")/hajund
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/hajund-bench-idle.XXXXXX")
sim_pid=""
daemon_pid=""
tail_pid=""
cleanup() {
    [ -n "$tail_pid" ] && kill -TERM "$tail_pid" 2>/dev/null && wait "$tail_pid" 2>/dev/null || true
    [ -n "$daemon_pid" ] && kill -TERM "$daemon_pid" 2>/dev/null && wait "$daemon_pid" 2>/dev/null || true
    [ -n "$sim_pid" ] && kill -TERM "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null || true
    rm -rf "$out"
}
trap cleanup EXIT INT TERM

"$bin" simulate --serve --port 0 --rate realtime --initial-burst 50 --seed 9 >"$out/sim.out" 2>"$out/sim.err" &
sim_pid=$!
port=""
for _ in $(seq 1 600); do
    port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$out/sim.out" | head -n 1)
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { echo "the simulator did not start: $(cat "$out/sim.err")" >&2; exit 1; }
base="http://127.0.0.1:$port"
token=5000000001:AAHajunSimulatorDemoTokenNotASecret0
printf '{"chat":"local_reports","message_id":1,"date":"2022-02-24T07:00:00Z","text":"Колонна техники в сторону Мозыря"}\n' \
    >"$out/reports.jsonl"
cat >"$out/hajund.yaml" <<YAML
version: 1
feeds:
  - name: bot
    url: $base/bot$token/getUpdates
    format: telegram-bot-api
    interval: 1s
    long_poll: 25s
  - name: rss-demo
    url: $base/rss/hajun_demo
    format: rss
    interval: 60s
  - name: rss-homiel
    url: $base/rss/homiel_watch
    format: rss
    interval: 60s
  - name: reports
    path: reports.jsonl
    format: jsonl
    interval: 30s
log:
  path: var/log/events.jsonl
state:
  directory: var/state
receivers:
  - name: local-file
    type: file
    path: var/alerts.jsonl
rules:
  - name: missile-launch
    type: any
    match: { category: missile_launch }
    receiver: local-file
  - name: aviation-high
    type: any
    match: { category: aviation, severity: high }
    receiver: local-file
YAML
# shellcheck disable=SC2086
(cd "$out" && exec env ${HAJUND_IDLE_EXTRA_ENV:-} "$bin" run --config hajund.yaml) 2>"$out/daemon.err" &
daemon_pid=$!
sleep 25
kill -0 "$daemon_pid" 2>/dev/null || { echo "hajund run exited: $(cat "$out/daemon.err")" >&2; exit 1; }
rss_startup=$(awk '/^VmRSS/ { print $2 }' "/proc/$daemon_pid/status")
sleep $((warmup - 25))
kill -0 "$daemon_pid" 2>/dev/null || { echo "hajund run exited: $(cat "$out/daemon.err")" >&2; exit 1; }
"$bin" tail --follow --json --log "$out/var/log/events.jsonl" >/dev/null 2>&1 &
tail_pid=$!

ticks=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' "/proc/$daemon_pid/stat"; }
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$daemon_pid/status"; }
tail_rss() { awk '/^VmRSS/ { print $2 }' "/proc/$tail_pid/status" 2>/dev/null || echo 0; }
cpu_start=$(cpu)
rss_max=0
rss_sum=0
samples=0
i=0
while [ "$i" -lt "$seconds" ]; do
    sleep 1
    r=$(rss)
    rss_sum=$((rss_sum + r))
    samples=$((samples + 1))
    [ "$r" -gt "$rss_max" ] && rss_max=$r
    i=$((i + 1))
done
cpu_end=$(cpu)
hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$daemon_pid/status")
anon=$(awk '/^RssAnon/ { print $2 }' "/proc/$daemon_pid/status")
file=$(awk '/^RssFile/ { print $2 }' "/proc/$daemon_pid/status")
pss=$(awk '/^Pss:/ { print $2 }' "/proc/$daemon_pid/smaps_rollup" 2>/dev/null || echo 0)
floor=$(tail_rss)
floor_anon=$(awk '/^RssAnon/ { print $2 }' "/proc/$tail_pid/status" 2>/dev/null || echo 0)
threads=$(awk '/^Threads/ { print $2 }' "/proc/$daemon_pid/status")
events=$(wc -l <"$out/var/log/events.jsonl" 2>/dev/null || echo 0)
if [ -n "${HAJUND_IDLE_MAPS:-}" ]; then
    # The mappings holding the most resident memory, by file (anonymous ones together).
    awk '/^[0-9a-f]+-/ { name = ($6 == "") ? "[anon]" : $6 } /^Rss:/ { rss[name] += $2 }
        END { for (n in rss) if (rss[n] >= 256) printf "    %6d kB %s\n", rss[n], n }' "/proc/$daemon_pid/smaps" | sort -rn
fi
awk -v c0="$cpu_start" -v c1="$cpu_end" -v hz="$ticks" -v s="$seconds" -v sum="$rss_sum" -v n="$samples" \
    -v max="$rss_max" -v hwm="$hwm" -v th="$threads" -v ev="$events" -v w="$warmup" -v anon="$anon" \
    -v file="$file" -v pss="$pss" -v floor="$floor" -v floor_anon="$floor_anon" -v startup="$rss_startup" 'BEGIN {
    cpus = (c1 - c0) / hz
    printf "hajund run idle at real-time rate (~1,000 posts/day; 4 feeds), %d s after a %d s warm-up\n", s, w
    printf "  RSS: mean %.1f MiB, max %.1f MiB (peak since start, VmHWM: %.1f MiB; 25 s after start, before the first trim: %.1f MiB)\n", sum / n / 1024, max / 1024, hwm / 1024, startup / 1024
    printf "  at the end: %.1f MiB anonymous (heap, stacks) + %.1f MiB file-backed (code); PSS %.1f MiB\n", anon / 1024, file / 1024, pss / 1024
    printf "  peer: hajund tail --follow (same binary, same libraries, idle): RSS %.1f MiB, %.1f MiB anonymous; daemon/peer RSS %.2fx\n", floor / 1024, floor_anon / 1024, (floor > 0 ? (sum / n) / floor : 0)
    printf "  CPU: %.2f s in %d s = %.2f %% of one core\n", cpus, s, 100 * cpus / s
    printf "  threads: %d, events logged: %d\n", th, ev
}'
