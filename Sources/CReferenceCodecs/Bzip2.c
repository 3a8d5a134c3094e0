#include "Internal.h"

#include <bzlib.h>
#include <stdlib.h>

// Blocks libbz2 freed, kept for its next stream: a stream asks for the same few sizes every time.
enum { poolSlots = 16 };

typedef struct {
    CReference_Codec base;
    int level;
    struct { void *block; int size; } kept[poolSlots];
    int keptCount;
} Bzip2Codec;

static void poolFree(void *opaque, void *block) {
    // libbz2 does not say a block's size when freeing it: it is stored in front of the block.
    Bzip2Codec *codec = opaque;
    int *header = (int *)block - 4;
    if (codec->keptCount < poolSlots) {
        codec->kept[codec->keptCount].block = block;
        codec->kept[codec->keptCount].size = header[0];
        codec->keptCount++;
    } else {
        free(header);
    }
}

// The pool's blocks carry their size 16 bytes before the address libbz2 sees.
static void *poolAllocate(void *opaque, int items, int size) {
    Bzip2Codec *codec = opaque;
    int bytes = items * size;
    for (int index = 0; index < codec->keptCount; index++) {
        if (codec->kept[index].size == bytes) {
            void *block = codec->kept[index].block;
            codec->kept[index] = codec->kept[--codec->keptCount];
            return block;
        }
    }
    int *header = malloc((size_t)bytes + 16);
    if (!header) return NULL;
    header[0] = bytes;
    return header + 4;
}

// A stream whose memory comes from the codec's pool, reading `input` and writing `output`
// (`BZ2_bz*Init` leaves the buffers alone).
static bz_stream pooledStream(Bzip2Codec *codec, const uint8_t *input, size_t count, uint8_t *output, size_t capacity) {
    bz_stream stream = {0};
    stream.bzalloc = poolAllocate;
    stream.bzfree = poolFree;
    stream.opaque = codec;
    stream.next_in = (char *)input;
    stream.avail_in = (unsigned)count;
    stream.next_out = (char *)output;
    stream.avail_out = (unsigned)capacity;
    return stream;
}

static long compressPooled(CReference_Codec *base, const uint8_t *input, size_t count, uint8_t *output, size_t capacity) {
    Bzip2Codec *codec = (Bzip2Codec *)base;
    bz_stream stream = pooledStream(codec, input, count, output, capacity);
    if (BZ2_bzCompressInit(&stream, codec->level, 0, 0) != BZ_OK) return CReference_libraryError;
    int status;
    while ((status = BZ2_bzCompress(&stream, BZ_FINISH)) == BZ_FINISH_OK) {
        if (stream.avail_out == 0) break;
    }
    long written = (long)(capacity - stream.avail_out);
    BZ2_bzCompressEnd(&stream);
    return status == BZ_STREAM_END ? written : CReference_outputFull;
}

static long decompressPooled(CReference_Codec *base, const uint8_t *input, size_t count, uint8_t *output, size_t capacity) {
    Bzip2Codec *codec = (Bzip2Codec *)base;
    bz_stream stream = pooledStream(codec, input, count, output, capacity);
    if (BZ2_bzDecompressInit(&stream, 0, 0) != BZ_OK) return CReference_libraryError;
    int status;
    while ((status = BZ2_bzDecompress(&stream)) == BZ_OK) {
        if (stream.avail_out == 0 || stream.avail_in == 0) break;
    }
    long written = (long)(capacity - stream.avail_out);
    BZ2_bzDecompressEnd(&stream);
    return status == BZ_STREAM_END ? written : CReference_corruptData;
}

static long compressAllocating(CReference_Codec *base, const uint8_t *input, size_t count, uint8_t *output, size_t capacity) {
    Bzip2Codec *codec = (Bzip2Codec *)base;
    unsigned int written = (unsigned int)capacity;
    int status = BZ2_bzBuffToBuffCompress((char *)output, &written, (char *)input, (unsigned)count, codec->level, 0, 0);
    if (status == BZ_OUTBUFF_FULL) return CReference_outputFull;
    return status == BZ_OK ? (long)written : CReference_libraryError;
}

static long decompressAllocating(CReference_Codec *base, const uint8_t *input, size_t count, uint8_t *output, size_t capacity) {
    (void)base;
    unsigned int written = (unsigned int)capacity;
    int status = BZ2_bzBuffToBuffDecompress((char *)output, &written, (char *)input, (unsigned)count, 0, 0);
    if (status == BZ_OUTBUFF_FULL) return CReference_outputFull;
    return status == BZ_OK ? (long)written : CReference_corruptData;
}

static void freeBzip2(CReference_Codec *base) {
    Bzip2Codec *codec = (Bzip2Codec *)base;
    for (int index = 0; index < codec->keptCount; index++) free((int *)codec->kept[index].block - 4);
    free(codec);
}

CReference_Codec *CReference_makeBzip2(int level, bool pooled) {
    Bzip2Codec *codec = calloc(1, sizeof *codec);
    if (!codec) return NULL;
    codec->base = pooled ? (CReference_Codec){compressPooled, decompressPooled, freeBzip2}
                         : (CReference_Codec){compressAllocating, decompressAllocating, freeBzip2};
    codec->level = level;
    return &codec->base;
}
