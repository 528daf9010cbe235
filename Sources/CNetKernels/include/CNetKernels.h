#ifndef CCS_NET_KERNELS_H
#define CCS_NET_KERNELS_H

#include <stdint.h>
#include <string.h>

/// exp(x) for the policy network in float: 2^t with t = x·log2(e) clamped to ±126, t rounded to
/// the nearest integer n by adding and subtracting 1.5·2^23 (no conversion, so loops vectorise),
/// 2^n built in the exponent bits and 2^(t−n) from a degree-5 fit on [−½, ½]; relative error
/// below 1e-7. Defined here once so that Swift's loops and the C kernels compute the same bits.
static inline float ccs_fast_expf(float x) {
    // Every product and sum rounds on its own, also where the CPU could fuse them.
#pragma STDC FP_CONTRACT OFF
    float t = x * 1.44269504f;
    t = -126.0f >= t ? -126.0f : t;
    t = 126.0f < t ? 126.0f : t;
    const float shifter = 12582912.0f;
    float r = t + shifter;
    float n = r - shifter;
    float f = t - n;
    float p = 1.3266975e-3f;
    p = p * f + 9.6754646e-3f;
    p = p * f + 5.5507426e-2f;
    p = p * f + 2.4022122e-1f;
    p = p * f + 6.9314695e-1f;
    p = p * f + 1.00000007f;
    uint32_t rbits, sbits;
    memcpy(&rbits, &r, 4);
    memcpy(&sbits, &shifter, 4);
    uint32_t ebits = (rbits - sbits + 127u) << 23;
    float scale;
    memcpy(&scale, &ebits, 4);
    return p * scale;
}

/// Softmax of each of `rows` rows of `cols` entries, in place (row-major). Reductions keep eight
/// partial results, combined pairwise, so that every CPU and vector width gives the same bits.
void ccs_softmax_rows_f32(float *s, long rows, long cols);
/// The same in double, with the C library's exp (finite-difference checks of the network).
void ccs_softmax_rows_f64(double *s, long rows, long cols);

#endif
