#include "Internal.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

// As the Swift decoder does (DeflateDecompressor.joinedPayloadLimit): a payload of at most this
// many bytes is copied with the trailer after it and inflated in one call.
#define JOINED_PAYLOAD_LIMIT 1020

typedef struct {
    CReference_Codec base;
    z_stream deflater;
    z_stream inflater;
    bool deflaterReady;
    bool inflaterReady;
    int level;
    int windowBits;
    int memLevel;
    bool noContextTakeover;
    uint8_t joined[JOINED_PAYLOAD_LIMIT + 4];
} DeflateCodec;

static const uint8_t syncFlushTrailer[4] = {0x00, 0x00, 0xff, 0xff};

static long deflateMessage(CReference_Codec *base, const uint8_t *input, size_t count, uint8_t *output, size_t capacity) {
    DeflateCodec *codec = (DeflateCodec *)base;
    z_stream *stream = &codec->deflater;
    if (!codec->deflaterReady) {
        if (deflateInit2(stream, codec->level, Z_DEFLATED, -codec->windowBits, codec->memLevel, Z_DEFAULT_STRATEGY) != Z_OK) return CReference_libraryError;
        codec->deflaterReady = true;
    }
    stream->next_in = (Bytef *)input;
    stream->avail_in = (uInt)count;
    stream->next_out = output;
    stream->avail_out = (uInt)capacity;
    // As the Swift codec and Autobahn do: the data, then a sync flush without input.
    // Z_BUF_ERROR: an empty message, nothing to do yet.
    int status = deflate(stream, Z_NO_FLUSH);
    if ((status != Z_OK && status != Z_BUF_ERROR) || stream->avail_in != 0) return CReference_outputFull;
    if (deflate(stream, Z_SYNC_FLUSH) != Z_OK || stream->avail_out == 0) return CReference_outputFull;
    long written = (long)(capacity - stream->avail_out);
    if (written < 4) return CReference_libraryError;
    if (codec->noContextTakeover && deflateReset(stream) != Z_OK) return CReference_libraryError;
    return written - 4;
}

// Inflates all of `count` bytes at `input` into the stream's output room: 0, or a status.
static long inflateAll(z_stream *stream, const uint8_t *input, size_t count) {
    stream->next_in = (Bytef *)input;
    stream->avail_in = (uInt)count;
    int status = inflate(stream, Z_SYNC_FLUSH);
    if (status != Z_OK && status != Z_BUF_ERROR) return CReference_corruptData;
    return stream->avail_in == 0 ? 0 : CReference_outputFull;
}

static long inflateMessage(CReference_Codec *base, const uint8_t *input, size_t count, uint8_t *output, size_t capacity) {
    DeflateCodec *codec = (DeflateCodec *)base;
    z_stream *stream = &codec->inflater;
    if (!codec->inflaterReady) {
        if (inflateInit2(stream, -codec->windowBits) != Z_OK) return CReference_libraryError;
        codec->inflaterReady = true;
    }
    stream->next_out = output;
    stream->avail_out = (uInt)capacity;
    long status;
    if (count > 0 && count <= JOINED_PAYLOAD_LIMIT) {
        memcpy(codec->joined, input, count);
        memcpy(codec->joined + count, syncFlushTrailer, sizeof syncFlushTrailer);
        status = inflateAll(stream, codec->joined, count + sizeof syncFlushTrailer);
    } else {
        status = inflateAll(stream, input, count);
        if (status == 0) status = inflateAll(stream, syncFlushTrailer, sizeof syncFlushTrailer);
    }
    if (status != 0) return status;
    if (codec->noContextTakeover && inflateReset(stream) != Z_OK) return CReference_libraryError;
    return (long)(capacity - stream->avail_out);
}

static void freeDeflate(CReference_Codec *base) {
    DeflateCodec *codec = (DeflateCodec *)base;
    if (codec->deflaterReady) deflateEnd(&codec->deflater);
    if (codec->inflaterReady) inflateEnd(&codec->inflater);
    free(codec);
}

CReference_Codec *CReference_makeDeflate(int level, int windowBits, int memLevel, bool noContextTakeover) {
    DeflateCodec *codec = calloc(1, sizeof *codec);
    if (!codec) return NULL;
    codec->base = (CReference_Codec){deflateMessage, inflateMessage, freeDeflate};
    codec->level = level;
    codec->windowBits = windowBits;
    codec->memLevel = memLevel;
    codec->noContextTakeover = noContextTakeover;
    return &codec->base;
}
