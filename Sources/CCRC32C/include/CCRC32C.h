#ifndef CCRC32C_H
#define CCRC32C_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// Whether this CPU has a CRC32C instruction (SSE 4.2 on x86-64, the CRC extension on ARMv8).
bool CCRC32C_hasHardware(void);

// Updates `crc` (not inverted) over `count` bytes with the CPU's CRC32C instruction, 8 bytes a
// step; on x86-64, from 256 bytes on, three such steps at once where the CPU has the carry-less
// multiply. Call only where CCRC32C_hasHardware() is true.
uint32_t CCRC32C_update(uint32_t crc, const void *bytes, size_t count);

#endif
