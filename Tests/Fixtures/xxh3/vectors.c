/*
 * Prints XXH3-64 reference vectors from the system's libxxhash (Debian's libxxhash-dev).
 *
 * Input of length n is the first n bytes of xxHash's own sanity-test buffer:
 *   gen = 2654435761 (PRIME32_1); for each byte: byte = gen >> 56; gen *= 11400714785074694797 (PRIME64_1)
 * Output lines: "<length> <seed as 16 hex> <XXH3_64bits_withSeed as 16 hex>".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <xxhash.h>

static const uint64_t seeds[] = {
    0, 1, 42, 0x7FFFFFFFull, 0x9E3779B185EBCA8Dull, 0xFFFFFFFFFFFFFFFFull,
};

static const size_t longLengths[] = {
    301, 383, 448, 511, 512, 513, 1023, 1024, 1025, 1087, 1088, 1089, 2047, 2048, 2049, 3000,
    4095, 4096, 4097, 5000, 8191, 8192, 10007, 65535, 65536, 65537, 100000, 1048576,
};

int main(void) {
    size_t const maxLength = 1048576;
    uint8_t *buffer = malloc(maxLength);
    uint64_t gen = 2654435761u;
    for (size_t i = 0; i < maxLength; i++) {
        buffer[i] = (uint8_t)(gen >> 56);
        gen *= 11400714785074694797ull;
    }
    printf("# XXH3-64 reference vectors, libxxhash %u\n", XXH_versionNumber());
    for (size_t s = 0; s < sizeof seeds / sizeof seeds[0]; s++) {
        for (size_t n = 0; n <= 300; n++) {
            printf("%zu %016llx %016llx\n", n, (unsigned long long)seeds[s],
                   (unsigned long long)XXH3_64bits_withSeed(buffer, n, seeds[s]));
        }
        for (size_t k = 0; k < sizeof longLengths / sizeof longLengths[0]; k++) {
            size_t n = longLengths[k];
            printf("%zu %016llx %016llx\n", n, (unsigned long long)seeds[s],
                   (unsigned long long)XXH3_64bits_withSeed(buffer, n, seeds[s]));
        }
    }
    free(buffer);
    return 0;
}
