#ifndef TSPROVIDER_CLIBXML2_SHIM_H
#define TSPROVIDER_CLIBXML2_SHIM_H
/* Debian's libxml2 headers pull in the system ICU, which clashes with the ICU that
   Foundation bundles; the codec never needs ICU, so switch it off before anything else. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/encoding.h>

/* xmlFree is a global function pointer, which Swift 6 rejects as shared mutable state. */
static inline void tsp_xmlFree(void *p) { xmlFree(p); }
#endif
