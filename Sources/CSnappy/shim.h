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

// The CRC32C instruction is a compiler intrinsic that needs a target feature Swift cannot
// enable per function, and a function with that feature is never inlined into Swift. Bridged
// one instruction at a time it cost a call per 8 bytes (5.9 GB/s against 9.7 GB/s for the same
// loop inside the feature, on x86-64), so the bridge takes a whole buffer. The table fallback,
// for CPUs without the instruction, is in Swift.
#if defined(__x86_64__)
static inline bool CSnappy_hasHardwareCRC32C(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2");
}
__attribute__((target("sse4.2")))
static inline uint32_t CSnappy_crc32c_update(uint32_t crc, const void *bytes, size_t count) {
    const unsigned char *next = (const unsigned char *)bytes;
    uint64_t crc64 = crc;
    for (; count >= 8; next += 8, count -= 8) {
        uint64_t word;
        __builtin_memcpy(&word, next, 8);
        crc64 = __builtin_ia32_crc32di(crc64, word);
    }
    uint32_t crc32 = (uint32_t)crc64;
    for (; count > 0; next += 1, count -= 1) {
        crc32 = __builtin_ia32_crc32qi(crc32, *next);
    }
    return crc32;
}
#elif defined(__aarch64__) && defined(__ARM_FEATURE_CRC32) && defined(__LITTLE_ENDIAN__)
static inline bool CSnappy_hasHardwareCRC32C(void) { return true; }
static inline uint32_t CSnappy_crc32c_update(uint32_t crc, const void *bytes, size_t count) {
    const unsigned char *next = (const unsigned char *)bytes;
    for (; count >= 8; next += 8, count -= 8) {
        uint64_t word;
        __builtin_memcpy(&word, next, 8);
        crc = __builtin_arm_crc32cd(crc, word);
    }
    for (; count > 0; next += 1, count -= 1) {
        crc = __builtin_arm_crc32cb(crc, *next);
    }
    return crc;
}
#else
static inline bool CSnappy_hasHardwareCRC32C(void) { return false; }
static inline uint32_t CSnappy_crc32c_update(uint32_t crc, const void *bytes, size_t count) {
    (void)bytes; (void)count; return crc;
}
#endif

#endif
