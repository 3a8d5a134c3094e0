#ifndef CLIBDEFLATE_SHIM_H
#define CLIBDEFLATE_SHIM_H

// If this include fails, install libdeflate's headers: `apt-get install libdeflate-dev`.
#include <libdeflate.h>

#endif
