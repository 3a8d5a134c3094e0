#include "Internal.h"

#include <libdeflate.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

// What the Swift decompressor (LibdeflateDecompressor) appends to every payload before its one
// libdeflate call: RFC 7692's 00 00 ff ff, the seal (a non-final stored block of 16 bytes the
// peer cannot know; fixed here, random per decompressor there) and an empty final block.
enum {
    secretCount = 16,
    // The seal's stored block within `appended`: its 5-byte header, then the secret.
    sealStart = 4,
    sealCount = 5 + secretCount,
};
static const uint8_t appended[] = {
    0x00, 0x00, 0xff, 0xff,
    0x00, 0x10, 0x00, 0xef, 0xff,
    0x5c, 0x1e, 0x93, 0x07, 0xa4, 0x2d, 0xe8, 0x61, 0x3b, 0xc9, 0x70, 0x0f, 0xd6, 0x85, 0x4a, 0xb2,
    0x03, 0x00,
};

typedef struct {
    CReference_Codec base;
    // Borrowed: the caller made them and frees them after this codec (libdeflate 1.14 has one
    // process-wide allocator, which the Swift side counts under its lock).
    struct libdeflate_compressor *compressor;
    struct libdeflate_decompressor *decompressor;
    // The payload and `appended`, as the Swift decompressor copies them; grown, then reused.
    uint8_t *scratch;
    size_t scratchCapacity;
} LibdeflateCodec;

// One deflate stream whose last block has BFINAL set, then 00, as the Swift compressor writes.
static long compressMessage(CReference_Codec *base, const uint8_t *input, size_t count, uint8_t *output, size_t capacity) {
    LibdeflateCodec *codec = (LibdeflateCodec *)base;
    size_t bound = libdeflate_deflate_compress_bound(codec->compressor, count);
    if (capacity < bound + 1) return CReference_outputFull;
    size_t written = libdeflate_deflate_compress(codec->compressor, input, count, output, bound);
    if (written == 0) return CReference_libraryError;
    output[written] = 0;
    return (long)written + 1;
}

// Whether the output ends with the secret and not with the seal's whole stored block (a stored
// block of the peer's that runs on through the appended bytes copies its header too).
static bool isSealed(const uint8_t *output, size_t written) {
    const uint8_t *end = output + written;
    if (written < secretCount || memcmp(end - secretCount, appended + sealStart + sealCount - secretCount, secretCount) != 0) return false;
    return written < sealCount || memcmp(end - sealCount, appended + sealStart, sealCount - secretCount) != 0;
}

// The payload and the appended bytes in one call, as the Swift decompressor does: a payload that
// ends with its own final block (and perhaps one 00) reads none of them; a sync-flushed one reads
// them all and ends with the secret bytes, which are cut off.
static long decompressMessage(CReference_Codec *base, const uint8_t *input, size_t count, uint8_t *output, size_t capacity) {
    LibdeflateCodec *codec = (LibdeflateCodec *)base;
    size_t total = count + sizeof appended;
    if (total > codec->scratchCapacity) {
        uint8_t *grown = realloc(codec->scratch, total);
        if (!grown) return CReference_outOfMemory;
        codec->scratch = grown;
        codec->scratchCapacity = total;
    }
    memcpy(codec->scratch, input, count);
    memcpy(codec->scratch + count, appended, sizeof appended);
    size_t read = 0;
    size_t written = 0;
    enum libdeflate_result result = libdeflate_deflate_decompress_ex(codec->decompressor, codec->scratch, total, output, capacity, &read, &written);
    if (result == LIBDEFLATE_INSUFFICIENT_SPACE) return CReference_outputFull;
    if (result != LIBDEFLATE_SUCCESS) return CReference_corruptData;
    if (read == count || (read + 1 == count && input[read] == 0)) return (long)written;
    if (read == total && isSealed(output, written)) return (long)(written - secretCount);
    return CReference_corruptData;
}

static void freeLibdeflate(CReference_Codec *base) {
    LibdeflateCodec *codec = (LibdeflateCodec *)base;
    free(codec->scratch);
    free(codec);
}

CReference_Codec *CReference_makeLibdeflate(struct libdeflate_compressor *compressor, struct libdeflate_decompressor *decompressor) {
    LibdeflateCodec *codec = calloc(1, sizeof *codec);
    if (!codec) return NULL;
    codec->base = (CReference_Codec){compressMessage, decompressMessage, freeLibdeflate};
    codec->compressor = compressor;
    codec->decompressor = decompressor;
    return &codec->base;
}
