// Calls the shared library's exported XXH3_64bits, as any C program linking -lxxhash does.
#include <xxhash.h>
#include "xxh3_reference.h"

uint64_t xxh3_reference_library_loop(const void *buffer, const uint16_t *offsets, size_t length, size_t iterations) {
    uint64_t sum = 0;
    const unsigned char *bytes = buffer;
    for (size_t i = 0; i < iterations; i++) sum += XXH3_64bits(bytes + offsets[i & 4095], length);
    return sum;
}

uint64_t xxh3_reference_hash(const void *buffer, size_t length, uint64_t seed) {
    return XXH3_64bits_withSeed(buffer, length, seed);
}
