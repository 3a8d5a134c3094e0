#ifndef CBZIP2_SHIM_H
#define CBZIP2_SHIM_H

// If this include fails, install libbz2's headers: `apt-get install libbz2-dev`.
#include <bzlib.h>

#endif
