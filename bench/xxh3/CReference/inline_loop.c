// xxhash.h compiled into this file with every function inlined into the loop.
#define XXH_INLINE_ALL
#include <xxhash.h>
#include "xxh3_reference.h"

uint64_t xxh3_reference_inline_loop(const void *buffer, const uint16_t *offsets, size_t length, size_t iterations) {
    uint64_t sum = 0;
    const unsigned char *bytes = buffer;
    for (size_t i = 0; i < iterations; i++) sum += XXH3_64bits(bytes + offsets[i & 4095], length);
    return sum;
}
