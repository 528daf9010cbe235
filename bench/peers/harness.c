/* The C side of scripts/bench peers: calls a compiled Jacobian `reps` times and returns the
   nanoseconds per call, so that neither Python nor ctypes sits inside the measured loop. */
#include <stdlib.h>
#include <time.h>

/* ccs's exported signature: n points, x point-major, jac point-major. */
typedef void (*batch_jacobian)(const double *x, double *jac, long n);

/* CasADi's generated function and its work-size query (casadi_int is long long by default). */
typedef int (*casadi_eval)(const double **arg, double **res, long long *iw, double *w, int mem);
typedef int (*casadi_work)(long long *sz_arg, long long *sz_res, long long *sz_iw, long long *sz_w);

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return 1e9 * (double)t.tv_sec + (double)t.tv_nsec;
}

/* One call of `f` on n points, repeated reps times; nanoseconds per call. */
double time_batch(batch_jacobian f, const double *x, double *jac, long n, long reps) {
    double start = now_ns();
    for (long r = 0; r < reps; r++) f(x, jac, n);
    return (now_ns() - start) / (double)reps;
}

/* CasADi's function called once per point for n points (nin inputs, nnz Jacobian nonzeros per
   point), repeated reps times; nanoseconds per n points, or -1 when the work vectors cannot be had. */
double time_casadi(casadi_eval f, casadi_work work, const double *x, double *jac, long nin, long nnz,
                   long n, long reps) {
    long long sz_arg = 0, sz_res = 0, sz_iw = 0, sz_w = 0;
    if (work(&sz_arg, &sz_res, &sz_iw, &sz_w) != 0) return -1;
    const double **arg = calloc((size_t)sz_arg + 1, sizeof *arg);
    double **res = calloc((size_t)sz_res + 1, sizeof *res);
    long long *iw = calloc((size_t)sz_iw + 1, sizeof *iw);
    double *w = calloc((size_t)sz_w + 1, sizeof *w);
    double elapsed = -1;
    if (arg && res && iw && w) {
        double start = now_ns();
        for (long r = 0; r < reps; r++)
            for (long p = 0; p < n; p++) {
                arg[0] = x + p * nin;
                res[0] = jac + p * nnz;
                f(arg, res, iw, w, 0);
            }
        elapsed = (now_ns() - start) / (double)reps;
    }
    free(arg);
    free(res);
    free(iw);
    free(w);
    return elapsed;
}
