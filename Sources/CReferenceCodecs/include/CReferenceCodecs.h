#ifndef CREFERENCECODECS_H
#define CREFERENCECODECS_H

// The C limit of the benchmark runner (`pmce bench --reference`): each codec's per-message work
// written in plain C against the same libraries, with reused contexts and buffers, one call per
// pass over a corpus so that no Swift runs between two messages. Not a shim and not used by the
// library: the runner times these passes interleaved with the Swift codecs' own.

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// One endpoint direction's state: a compressor or a decompressor, made on first use.
typedef struct CReference_Codec CReference_Codec;

// Why a pass stopped.
typedef enum {
    CReference_ok = 0,
    // The library returned an error code.
    CReference_libraryError = -1,
    // The output did not fit the capacity given.
    CReference_outputFull = -2,
    // The input is not what the matching compressor writes.
    CReference_corruptData = -3,
    // Out of memory.
    CReference_outOfMemory = -4,
} CReference_Status;

// permessage-deflate with zlib: a sync flush ends each message and its 00 00 ff ff is removed;
// the receiver appends it back. Without context takeover the stream is reset after each message
// (`deflateReset` / `inflateReset`), never re-created.
CReference_Codec *CReference_makeDeflate(int level, int windowBits, int memLevel, bool noContextTakeover);

// permessage-bzip2 with libbz2: one complete stream per message. `pooled`: the library's memory
// comes from blocks kept between messages; otherwise `BZ2_bzBuffToBuffCompress` /
// `BZ2_bzBuffToBuffDecompress`, which allocate per message.
CReference_Codec *CReference_makeBzip2(int level, bool pooled);

// permessage-snappy with libsnappy: framing format, chunks of at most 64 KiB with a masked
// CRC32C, the stream identifier once per direction (takeover) or once per message.
CReference_Codec *CReference_makeSnappy(bool noContextTakeover);

// permessage-deflate with libdeflate, as `DeflateBackend.libdeflate` codes a whole message where no
// window is carried: one `libdeflate_deflate_compress` then `00`; the payload copied with what the
// Swift decompressor appends (`00 00 ff ff`, a sealing stored block, an empty final block) and one
// `libdeflate_deflate_decompress_ex`. Borrows the coder its direction needs (the other may be
// NULL): the caller makes it, and frees it after this codec.
struct libdeflate_compressor;
struct libdeflate_decompressor;
CReference_Codec *CReference_makeLibdeflate(struct libdeflate_compressor *compressor, struct libdeflate_decompressor *decompressor);

// Frees a codec and its library state (not the coders `CReference_makeLibdeflate` borrows).
void CReference_free(CReference_Codec *codec);

// Compresses `count` messages laid end to end in `messages` (message i ends at `ends[i]`) and
// writes their payloads end to end into `output`, payload i ending at `payloadEnds[i]`.
CReference_Status CReference_compressPass(
    CReference_Codec *codec, const uint8_t *messages, const size_t *ends, size_t count,
    uint8_t *output, size_t capacity, size_t *payloadEnds);

// Decompresses `count` payloads laid end to end (payload i ends at `payloadEnds[i]`) and writes
// the messages end to end into `output`, message i ending at `messageEnds[i]`.
CReference_Status CReference_decompressPass(
    CReference_Codec *codec, const uint8_t *payloads, const size_t *payloadEnds, size_t count,
    uint8_t *output, size_t capacity, size_t *messageEnds);

#endif
