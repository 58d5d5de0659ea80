/* fuzz_wkt: WKT texts in a CSV layer (see layer.inc). */
#include "layer.inc"
