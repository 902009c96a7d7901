#ifndef TSPROVIDER_CZLIBINFLATE_SHIM_H
#define TSPROVIDER_CZLIBINFLATE_SHIM_H
/* Named CZlibInflate, not CZlib: ZIPFoundation's own zlib module is called CZlib. */
#include <zlib.h>

/* inflateInit2 is a macro, which Swift cannot call: a raw (headerless) deflate stream, as zip
   entries hold, is opened with negative window bits. */
static inline int tsp_inflateInitRaw(z_streamp stream) {
    return inflateInit2(stream, -MAX_WBITS);
}
#endif
