// Heap accounting for the dedup benchmark (glibc's mallinfo2, which Swift's Glibc module does not export).
#include <stddef.h>

/// Bytes handed out by malloc and not freed: small blocks plus mmap'ed large ones.
size_t heap_in_use(void);
