#ifndef CSNAPPY_SHIM_H
#define CSNAPPY_SHIM_H

// If this include fails, install libsnappy's headers: `apt-get install libsnappy-dev`.
#include <snappy-c.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

// libsnappy's compressor core: `snappy_compress` calls it once per 64 KiB block after allocating
// a hash table per call. It is a C++ symbol without a C declaration, so it is bridged by its
// mangled name, weakly: where a libsnappy build lacks it, the pointer is NULL and callers fall
// back to `snappy_compress`.
#if defined(__APPLE__)
extern char *CSnappy_internalCompressFragment(const char *input, size_t inputSize, char *output, uint16_t *table, int tableSize)
    __asm__("__ZN6snappy8internal16CompressFragmentEPKcmPcPti") __attribute__((weak_import));
#else
extern char *CSnappy_internalCompressFragment(const char *input, size_t inputSize, char *output, uint16_t *table, int tableSize)
    __asm__("_ZN6snappy8internal16CompressFragmentEPKcmPcPti") __attribute__((weak));
#endif

static inline bool CSnappy_hasCompressFragment(void) {
    return &CSnappy_internalCompressFragment != 0;
}

static inline char *CSnappy_compressFragment(const char *input, size_t inputSize, char *output, uint16_t *table, int tableSize) {
    return CSnappy_internalCompressFragment(input, inputSize, output, table, tableSize);
}

#endif
