#!/bin/sh
# XXH3 benchmark: release build of HajunCore's XXH3 (swiftc -O, whole module) against Debian's libxxhash-dev.
# Usage: bench/xxh3/run.sh [total bytes per figure, default 4000000000]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${TMPDIR:-/tmp}/hajund-bench-xxh3
mkdir -p "$out"
# The C peers at Debian's own optimisation level for libxxhash (-O2), default x86-64 target like the Swift side.
cc -O2 -c -o "$out/library_loop.o" "$here/CReference/library_loop.c"
cc -O2 -c -o "$out/inline_loop.o" "$here/CReference/inline_loop.c"
# HajunCore's hashing sources only (they depend on nothing else), built as their own module like the package does.
swiftc -O -wmo -parse-as-library -module-name HajunCore -emit-module -emit-module-path "$out/HajunCore.swiftmodule" \
    -emit-library -static -o "$out/libHajunCore.a" "$root"/Sources/HajunCore/Hashing/XXH3*.swift
swiftc -O -wmo -I "$out" -I "$here/CReference" -L "$out" -lHajunCore \
    "$here/main.swift" "$out/library_loop.o" "$out/inline_loop.o" -lxxhash -o "$out/bench-xxh3"
"$out/bench-xxh3" "$@"
