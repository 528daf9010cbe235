#include "CNetKernels.h"

#include <math.h>

// Bit-for-bit the same results on every clone: no contraction of a*b+c into one rounding
// (the header's exp says the same for itself).
#pragma STDC FP_CONTRACT OFF

// One body for both precisions. The clones differ only in vector width: the partial sums run in
// the same order on each, so a policy plays the same moves on every x86-64 machine.
#define SOFTMAX_ROWS(NAME, T, EXP)                                                           \
    __attribute__((target_clones("avx512f", "avx2", "default")))                            \
    void NAME(T *s, long rows, long cols) {                                                  \
        for (long r = 0; r < rows; r++) {                                                    \
            T *row = s + r * cols;                                                           \
            T top[8];                                                                        \
            for (int j = 0; j < 8; j++) top[j] = row[0];                                     \
            long c = 0;                                                                      \
            for (; c + 8 <= cols; c += 8)                                                    \
                for (int j = 0; j < 8; j++) top[j] = MAX2(top[j], row[c + j]);                \
            T m = MAX2(MAX2(MAX2(top[0], top[1]), MAX2(top[2], top[3])),                     \
                       MAX2(MAX2(top[4], top[5]), MAX2(top[6], top[7])));                    \
            for (; c < cols; c++) m = MAX2(m, row[c]);                                       \
            for (c = 0; c < cols; c++) row[c] = EXP(row[c] - m);                             \
            T part[8] = {0, 0, 0, 0, 0, 0, 0, 0};                                            \
            for (c = 0; c + 8 <= cols; c += 8)                                               \
                for (int j = 0; j < 8; j++) part[j] += row[c + j];                           \
            T total = (part[0] + part[1]) + (part[2] + part[3]) + (part[4] + part[5]) + (part[6] + part[7]); \
            for (; c < cols; c++) total += row[c];                                           \
            T inv = 1 / total;                                                               \
            for (c = 0; c < cols; c++) row[c] *= inv;                                        \
        }                                                                                    \
    }

// max(a, b) as Swift's max: b when b >= a, else a.
#define MAX2(a, b) ((b) >= (a) ? (b) : (a))

SOFTMAX_ROWS(ccs_softmax_rows_f32, float, ccs_fast_expf)
SOFTMAX_ROWS(ccs_softmax_rows_f64, double, exp)
