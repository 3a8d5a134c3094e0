#include "Internal.h"
#include "CCRC32C.h"

#include <snappy-c.h>
#include <stdlib.h>
#include <string.h>

// libsnappy's compressor core, as the Swift codec calls it: `snappy_compress` allocates a hash
// table per call, this takes one kept by the caller. Weak: where a build lacks it, the pass
// uses `snappy_compress`, as the Swift codec then does.
extern char *CReference_compressFragment(const char *input, size_t inputSize, char *output, uint16_t *table, int tableSize)
#if defined(__APPLE__)
    __asm__("__ZN6snappy8internal16CompressFragmentEPKcmPcPti") __attribute__((weak_import));
#else
    __asm__("_ZN6snappy8internal16CompressFragmentEPKcmPcPti") __attribute__((weak));
#endif

enum {
    maximumChunkData = 65536,
    // A compressed chunk's checksum, then at most snappy_max_compressed_length(65536) bytes.
    maximumCompressedChunk = 4 + 32 + maximumChunkData + maximumChunkData / 6,
    maximumTableSize = 1 << 14,
    minimumTableSize = 1 << 8,
    compressedData = 0x00,
    uncompressedData = 0x01,
    streamIdentifier = 0xff,
};

static const uint8_t streamIdentifierChunk[10] = {0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59};

typedef struct {
    CReference_Codec base;
    bool noContextTakeover;
    bool identifierSent;
    bool hardwareCRC;
    uint16_t table[maximumTableSize];
} SnappyCodec;

// The bitwise CRC32C (Castagnoli, reflected), for CPUs without the instruction.
static uint32_t softwareCRC(uint32_t crc, const uint8_t *bytes, size_t count) {
    for (size_t index = 0; index < count; index++) {
        crc ^= bytes[index];
        for (int bit = 0; bit < 8; bit++) crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1)));
    }
    return crc;
}

static uint32_t maskedCRC(const SnappyCodec *codec, const uint8_t *bytes, size_t count) {
    uint32_t crc = ~(codec->hardwareCRC ? CCRC32C_update(~0u, bytes, count) : softwareCRC(~0u, bytes, count));
    return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
}

static void storeLittleEndian32(uint8_t *to, uint32_t value) {
    to[0] = (uint8_t)value;
    to[1] = (uint8_t)(value >> 8);
    to[2] = (uint8_t)(value >> 16);
    to[3] = (uint8_t)(value >> 24);
}

static uint32_t loadLittleEndian32(const uint8_t *from) {
    return (uint32_t)from[0] | (uint32_t)from[1] << 8 | (uint32_t)from[2] << 16 | (uint32_t)from[3] << 24;
}

// One snappy block (the varint length, then the compressed data) into `output`; its length.
static size_t compressBlock(SnappyCodec *codec, const uint8_t *input, size_t count, uint8_t *output) {
    if (!&CReference_compressFragment || count == 0) {
        size_t length = snappy_max_compressed_length(count);
        snappy_compress((const char *)input, count, (char *)output, &length);
        return length;
    }
    size_t preamble = 0;
    uint32_t value = (uint32_t)count;
    while (value >= 0x80) {
        output[preamble++] = (uint8_t)value | 0x80;
        value >>= 7;
    }
    output[preamble++] = (uint8_t)value;
    int tableSize = minimumTableSize;
    while (tableSize < maximumTableSize && (size_t)tableSize < count) tableSize <<= 1;
    memset(codec->table, 0, (size_t)tableSize * sizeof codec->table[0]);
    char *start = (char *)output + preamble;
    char *end = CReference_compressFragment((const char *)input, count, start, codec->table, tableSize);
    return preamble + (size_t)(end - start);
}

static long compressMessage(CReference_Codec *base, const uint8_t *input, size_t count, uint8_t *output, size_t capacity) {
    SnappyCodec *codec = (SnappyCodec *)base;
    size_t written = 0;
    if (!codec->identifierSent && count > 0) {
        if (capacity < sizeof streamIdentifierChunk) return CReference_outputFull;
        memcpy(output, streamIdentifierChunk, sizeof streamIdentifierChunk);
        written = sizeof streamIdentifierChunk;
        codec->identifierSent = true;
    }
    for (size_t offset = 0; offset < count;) {
        size_t take = count - offset < maximumChunkData ? count - offset : maximumChunkData;
        const uint8_t *data = input + offset;
        if (capacity - written < 8 + snappy_max_compressed_length(take)) return CReference_outputFull;
        uint8_t *chunk = output + written;
        size_t compressed = compressBlock(codec, data, take, chunk + 8);
        uint8_t type = compressedData;
        size_t payload = compressed;
        if (compressed >= take - take / 8) {
            // Compression saves less than an eighth: the data as it is.
            type = uncompressedData;
            payload = take;
            memcpy(chunk + 8, data, take);
        }
        storeLittleEndian32(chunk, type | (uint32_t)(4 + payload) << 8);
        storeLittleEndian32(chunk + 4, maskedCRC(codec, data, take));
        written += 8 + payload;
        offset += take;
    }
    if (codec->noContextTakeover) codec->identifierSent = false;
    return (long)written;
}

static long decompressMessage(CReference_Codec *base, const uint8_t *input, size_t count, uint8_t *output, size_t capacity) {
    SnappyCodec *codec = (SnappyCodec *)base;
    size_t written = 0;
    for (size_t offset = 0; offset < count;) {
        if (count - offset < 4) return CReference_corruptData;
        uint32_t header = loadLittleEndian32(input + offset);
        uint8_t type = (uint8_t)header;
        size_t length = header >> 8;
        if (count - offset - 4 < length) return CReference_corruptData;
        const uint8_t *body = input + offset + 4;
        offset += 4 + length;
        // The checks the Swift decoder makes of each chunk, so that both do the same work: the
        // identifier's body, and a data chunk's length within what the format allows.
        if (type == streamIdentifier) {
            if (length != sizeof streamIdentifierChunk - 4 || memcmp(body, streamIdentifierChunk + 4, length) != 0) return CReference_corruptData;
            continue;
        }
        if (length < 4 || (type == compressedData && length > maximumCompressedChunk)
            || (type == uncompressedData && length > 4 + maximumChunkData)
            || (type != compressedData && type != uncompressedData)) {
            return CReference_corruptData;
        }
        uint32_t expected = loadLittleEndian32(body);
        const uint8_t *data = body + 4;
        size_t dataLength = length - 4;
        uint8_t *to = output + written;
        size_t produced;
        if (type == compressedData) {
            if (snappy_uncompressed_length((const char *)data, dataLength, &produced) != SNAPPY_OK || produced > maximumChunkData) {
                return CReference_corruptData;
            }
            if (produced > capacity - written) return CReference_outputFull;
            if (snappy_uncompress((const char *)data, dataLength, (char *)to, &produced) != SNAPPY_OK) return CReference_corruptData;
            if (maskedCRC(codec, to, produced) != expected) return CReference_corruptData;
        } else {
            // Checked before the copy, as the Swift decoder does: the CRC read right after the
            // copy wrote the same bytes waits on its stores (checked after, 20.8 ns a message
            // against 14.0 on 100-byte messages of one length, 29.9 against 27.4-28.1 on chat-json).
            produced = dataLength;
            if (produced > capacity - written) return CReference_outputFull;
            if (maskedCRC(codec, data, produced) != expected) return CReference_corruptData;
            memcpy(to, data, produced);
        }
        written += produced;
    }
    return (long)written;
}

static void freeSnappy(CReference_Codec *codec) {
    free(codec);
}

CReference_Codec *CReference_makeSnappy(bool noContextTakeover) {
    SnappyCodec *codec = calloc(1, sizeof *codec);
    if (!codec) return NULL;
    codec->base = (CReference_Codec){compressMessage, decompressMessage, freeSnappy};
    codec->noContextTakeover = noContextTakeover;
    codec->hardwareCRC = CCRC32C_hasHardware();
    return &codec->base;
}
