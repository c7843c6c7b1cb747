#!/bin/sh
# Feed-format benchmark: release build of HajunCore's FeedParser. Builds getUpdates responses of 100 posts from the
# texts of feeds/hajun-bot-api.json (raw UTF-8, and \u-escaped as Telegram sends them), then JSON Lines, the
# export, RSS and Atom samples. Prints posts per second on one core (thread CPU time, best of 7 rounds) and the
# wall-clock figure beside it.
# Usage: bench/formats/run.sh
#        FORMATS_BENCH_CORPUS=/tmp/hajund-perf/botapi-100000-seed2022/updates.json bench/formats/run.sh  (one large
#        getUpdates file, parsed as `hajund replay` parses it: µs of CPU per post)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
swift run -c release --package-path "$here" FormatsBench "$here/../.."
