#!/bin/sh
# Regenerates the XXH3-64 reference vectors from Debian's libxxhash-dev (apt-get install libxxhash-dev xxhash).
#   vectors.txt      XXH3_64bits_withSeed over xxHash's sanity buffer, every length 0-300 and long lengths
#                    across stripes and blocks, six seeds (see vectors.c)
#   files/           files of every length class, and files.xxh3: `xxhsum -H3` over them (what `hajund hash`
#                    must print byte for byte)
set -eu
export LC_ALL=C  # the glob order of files.xxh3
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -o "$tmp/vectors" vectors.c -lxxhash
"$tmp/vectors" > vectors.txt

rm -rf files
mkdir files
# Deterministic pseudo-random content (no /dev/urandom) so regenerating gives the same files.
for n in 0 1 2 3 4 5 8 9 12 16 17 31 64 100 128 129 200 240 241 255 256 1000 1024 1025 4096 5000; do
    head -c $((n * 3 + 64)) /dev/zero | openssl enc -aes-128-ctr -nosalt -K 000102030405060708090a0b0c0d0e0f \
        -iv "$(printf '%032x' "$n")" 2>/dev/null | head -c "$n" > "files/len-$n.bin"
done
(cd files && xxhsum -H3 len-*.bin) > files.xxh3
echo "wrote vectors.txt ($(wc -l < vectors.txt) lines), files/ and files.xxh3"
