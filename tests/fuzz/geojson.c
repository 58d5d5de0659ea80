/* fuzz_geojson: layer files as they come (see layer.inc). */
#define FUZZ_GEOJSON
#include "layer.inc"
