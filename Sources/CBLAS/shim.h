#ifndef CCS_CBLAS_SHIM_H
#define CCS_CBLAS_SHIM_H
// OpenBLAS's CBLAS interface; pkg-config supplies the include path.
#include <cblas.h>
#endif
