#include "Internal.h"

// Both passes run the codec's per-message function over the corpus; the runner reads the clock
// around the call, once per pass.

static CReference_Status pass(
    CReference_Codec *codec, CReference_MessageFunction function, const uint8_t *input, const size_t *inputEnds, size_t count,
    uint8_t *output, size_t capacity, size_t *outputEnds) {
    size_t start = 0;
    size_t written = 0;
    for (size_t index = 0; index < count; index++) {
        long length = function(codec, input + start, inputEnds[index] - start, output + written, capacity - written);
        if (length < 0) return (CReference_Status)length;
        written += (size_t)length;
        outputEnds[index] = written;
        start = inputEnds[index];
    }
    return CReference_ok;
}

CReference_Status CReference_compressPass(
    CReference_Codec *codec, const uint8_t *messages, const size_t *ends, size_t count,
    uint8_t *output, size_t capacity, size_t *payloadEnds) {
    return pass(codec, codec->compress, messages, ends, count, output, capacity, payloadEnds);
}

CReference_Status CReference_decompressPass(
    CReference_Codec *codec, const uint8_t *payloads, const size_t *payloadEnds, size_t count,
    uint8_t *output, size_t capacity, size_t *messageEnds) {
    return pass(codec, codec->decompress, payloads, payloadEnds, count, output, capacity, messageEnds);
}

void CReference_free(CReference_Codec *codec) {
    if (codec) codec->free(codec);
}
