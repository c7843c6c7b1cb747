// C peers for the XXH3 benchmark: the same loop as the Swift side, calling the reference implementation.
#include <stddef.h>
#include <stdint.h>

/// Sum of XXH3_64bits over `iterations` inputs of `length` bytes at buffer + offsets[i & 4095], via Debian's libxxhash.so.
uint64_t xxh3_reference_library_loop(const void *buffer, const uint16_t *offsets, size_t length, size_t iterations);
/// The same with xxhash.h compiled inline (XXH_INLINE_ALL): the reference at its best, no call overhead.
uint64_t xxh3_reference_inline_loop(const void *buffer, const uint16_t *offsets, size_t length, size_t iterations);
/// One XXH3_64bits_withSeed call through libxxhash.so, for the cross-check before timing.
uint64_t xxh3_reference_hash(const void *buffer, size_t length, uint64_t seed);
