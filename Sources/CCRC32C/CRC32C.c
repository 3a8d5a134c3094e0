#include "CCRC32C.h"

// The CRC32C instruction is a compiler intrinsic that needs a target feature Swift cannot
// enable per function, and a function with that feature is never inlined into Swift. Bridged
// one instruction at a time it cost a call per 8 bytes (5.9 GB/s against 9.7 GB/s for this loop
// inside the feature, on x86-64), so the loop over a whole buffer stays here, in C. The table
// fallback, for CPUs without the instruction, is in Swift.
#if defined(__x86_64__)
#include <immintrin.h>

bool CCRC32C_hasHardware(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2");
}

__attribute__((target("sse4.2")))
static inline uint64_t loadWord(const unsigned char *bytes) {
    uint64_t word;
    __builtin_memcpy(&word, bytes, 8);
    return word;
}

// Moves a CRC past `n` zero bytes: multiplies it by x^(8n) modulo the polynomial. A carry-less
// multiply by `power` = x^(8n-33) mod P (reflected; the instruction's reduction adds x^32, the
// reflected product x^1), reduced by the CRC32C instruction itself.
__attribute__((target("sse4.2,pclmul")))
static inline uint64_t shiftPastZeros(uint64_t crc, uint32_t power) {
    __m128i product = _mm_clmulepi64_si128(_mm_cvtsi64_si128((long long)crc), _mm_cvtsi32_si128((int)power), 0);
    return __builtin_ia32_crc32di(0, (uint64_t)_mm_cvtsi128_si64(product));
}

// Updates `crc` a word at a time, then the last bytes.
__attribute__((target("sse4.2"), always_inline))
static inline uint32_t updateInOneChain(uint64_t crc, const unsigned char *next, size_t count) {
#pragma clang loop unroll_count(8)
    for (; count >= 8; next += 8, count -= 8) {
        crc = __builtin_ia32_crc32di(crc, loadWord(next));
    }
    uint32_t crc32 = (uint32_t)crc;
    for (; count > 0; next += 1, count -= 1) {
        crc32 = __builtin_ia32_crc32qi(crc32, *next);
    }
    return crc32;
}

// `lane`-byte lanes three at a time while `*count` has room for three: the instruction takes
// 3 cycles but can start every cycle, so one chain of it runs at a third of the CPU's speed.
// The first lane continues `crc`, the others start from 0; a CRC is linear, so the three join
// as crc(A B C) = shift(crc(A), 2 lanes) ^ shift(crc(B), 1 lane) ^ crc(C).
#define THREE_LANES_AT_A_TIME(lane, pastOneLane, pastTwoLanes) \
    for (; count >= 3 * (lane); next += 3 * (lane), count -= 3 * (lane)) { \
        uint64_t second = 0, third = 0; \
        for (size_t offset = 0; offset < (lane); offset += 8) { \
            crc = __builtin_ia32_crc32di(crc, loadWord(next + offset)); \
            second = __builtin_ia32_crc32di(second, loadWord(next + (lane) + offset)); \
            third = __builtin_ia32_crc32di(third, loadWord(next + 2 * (lane) + offset)); \
        } \
        crc = shiftPastZeros(crc, pastTwoLanes) ^ shiftPastZeros(second, pastOneLane) ^ third; \
    }

// Three lanes at a time, longest lanes first, until fewer than 192 bytes are left, then one
// chain. The powers are x^(8n-33) mod P for n = one and two lanes (Scripts/crc32c-powers.py
// prints them). Out of line, so that short buffers pay nothing for it.
__attribute__((target("sse4.2,pclmul"), noinline))
static uint32_t updateInLanes(uint64_t crc, const unsigned char *next, size_t count) {
    THREE_LANES_AT_A_TIME(4096, 0x82f89c77u, 0x54a86326u)
    THREE_LANES_AT_A_TIME(1024, 0x170076fau, 0xa51b6135u)
    THREE_LANES_AT_A_TIME(256, 0xb9e02b86u, 0xdd7e3b0cu)
    THREE_LANES_AT_A_TIME(64, 0x9e4addf8u, 0x0d3b6092u)
    return updateInOneChain(crc, next, count);
}

// From 256 bytes on, three lanes at a time where the CPU has the carry-less multiply (every
// x86-64 CPU with SSE 4.2 but the first, Nehalem): 2.2x one chain's speed at 1 KB, 2.9x at 64 KB.
// Below that, one chain: lanes from 96 bytes made snappy's decompression of 100-200-byte
// messages 6-11 % slower (pmce bench --reference, three runs of each build alternated).
__attribute__((target("sse4.2")))
uint32_t CCRC32C_update(uint32_t crc, const void *bytes, size_t count) {
    if (count >= 256 && __builtin_cpu_supports("pclmul")) {
        return updateInLanes(crc, (const unsigned char *)bytes, count);
    }
    return updateInOneChain(crc, (const unsigned char *)bytes, count);
}
#elif defined(__aarch64__) && defined(__ARM_FEATURE_CRC32) && defined(__LITTLE_ENDIAN__)
bool CCRC32C_hasHardware(void) { return true; }

uint32_t CCRC32C_update(uint32_t crc, const void *bytes, size_t count) {
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
bool CCRC32C_hasHardware(void) { return false; }

uint32_t CCRC32C_update(uint32_t crc, const void *bytes, size_t count) {
    (void)bytes; (void)count; return crc;
}
#endif
