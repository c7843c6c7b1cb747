#!/bin/sh
# Classification benchmark: release build of HajunCore's classifier with the bundled lexicon and gazetteer over the
# labelled corpus (Tests/Fixtures/classification/corpus.jsonl). Prints posts per second on one core (thread CPU
# time, best of 5 rounds) and the wall-clock figure beside it.
# Usage: bench/classify/run.sh [posts per round, default 2000000]
#        bench/classify/run.sh --evaluate   # corpus scores and every mistake with its explanation (debug build)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" = "--evaluate" ]; then
    swift run --package-path "$here" ClassifyBench --evaluate
else
    swift run -c release --package-path "$here" ClassifyBench "$@"
fi
