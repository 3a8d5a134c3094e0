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
// enable per function. These bridge one instruction each; the checksum loop is in Swift.
#if defined(__x86_64__)
static inline bool CSnappy_hasHardwareCRC32C(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2");
}
__attribute__((target("sse4.2")))
static inline uint32_t CSnappy_crc32c_u64(uint32_t crc, uint64_t value) {
    return (uint32_t)__builtin_ia32_crc32di(crc, value);
}
__attribute__((target("sse4.2")))
static inline uint32_t CSnappy_crc32c_u8(uint32_t crc, uint8_t value) {
    return __builtin_ia32_crc32qi(crc, value);
}
#elif defined(__aarch64__) && defined(__ARM_FEATURE_CRC32)
static inline bool CSnappy_hasHardwareCRC32C(void) { return true; }
static inline uint32_t CSnappy_crc32c_u64(uint32_t crc, uint64_t value) {
    return __builtin_arm_crc32cd(crc, value);
}
static inline uint32_t CSnappy_crc32c_u8(uint32_t crc, uint8_t value) {
    return __builtin_arm_crc32cb(crc, value);
}
#else
static inline bool CSnappy_hasHardwareCRC32C(void) { return false; }
static inline uint32_t CSnappy_crc32c_u64(uint32_t crc, uint64_t value) { (void)value; return crc; }
static inline uint32_t CSnappy_crc32c_u8(uint32_t crc, uint8_t value) { (void)value; return crc; }
#endif

#endif
