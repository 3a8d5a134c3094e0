#ifndef CREFERENCECODECS_INTERNAL_H
#define CREFERENCECODECS_INTERNAL_H

#include "CReferenceCodecs.h"

// One message's work, one direction. Returns the bytes written to `output`, or a status < 0.
typedef long (*CReference_MessageFunction)(CReference_Codec *codec, const uint8_t *input, size_t count, uint8_t *output, size_t capacity);

struct CReference_Codec {
    CReference_MessageFunction compress;
    CReference_MessageFunction decompress;
    void (*free)(CReference_Codec *codec);
};

#endif
