#!/bin/sh
# Dedup benchmark: normalize + fingerprint + dedup lookup and insert, release build (swiftc -O, whole module),
# with 1,000,000 posts in the window; memory per remembered post.
# Usage: bench/dedup/run.sh [posts, default 1000000] [week|burst, default both] [varied|template, default varied]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${TMPDIR:-/tmp}/hajund-bench-dedup
mkdir -p "$out"
core="$root/Sources/HajunCore"
# The core files the dedup path uses (the model, text normalization, hashing, dedup), built as HajunCore.
# Text/ except the classifier's language detection (LanguageDetector, FunctionWords, LanguageWordTally).
sources=$(ls "$core"/Model/*.swift "$core"/Hashing/*.swift "$core"/Dedup/*.swift "$core"/Text/*.swift \
    | grep -v -e LanguageDetector.swift -e FunctionWords.swift -e LanguageWordTally.swift)
swiftc -O -wmo -parse-as-library -module-name HajunCore -emit-module -emit-module-path "$out/HajunCore.swiftmodule" \
    -enable-upcoming-feature ExistentialAny -emit-library -static -o "$out/libHajunCore.a" $sources
cc -O2 -c -o "$out/heap.o" "$here/CHeap/heap.c"
swiftc -O -wmo -I "$out" -I "$here/CHeap" -L "$out" -lHajunCore "$here/main.swift" "$here/PostGenerator.swift" \
    "$out/heap.o" -o "$out/bench-dedup"
"$out/bench-dedup" "$@"
