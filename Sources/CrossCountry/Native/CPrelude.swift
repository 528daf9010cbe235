/// The fixed part of generated C: vector types for eight points at a time (GCC and Clang vector
/// extensions; any other C99 compiler gets the one-point code only), 8×8 transposes between
/// point-major arrays and lanes, and one helper per elementwise function the code calls, in a
/// scalar and a vector form.
enum CPrelude {
    /// Points per vector: 8 doubles, one AVX-512 register (two AVX2 registers).
    static let lanes = 8

    static let header = """
        #if !defined(_POSIX_C_SOURCE) && !defined(_GNU_SOURCE)
        #define _POSIX_C_SOURCE 200112L
        #endif
        #include <math.h>
        #include <stdlib.h>
        #include <string.h>

        #if defined(__GNUC__) && !defined(CCS_SCALAR_ONLY)
        #define CCS_VECTOR 1
        /* No <immintrin.h>: parsing it takes GCC about 0.13 s, most of what a small Jacobian costs to
           compile. Vector math takes ccs_v, which the ABI passes as it passes __m512d. */
        #if defined(__clang__) && defined(__AVX512F__)
        #include <immintrin.h>
        #endif
        typedef double ccs_v __attribute__((vector_size(64)));
        typedef long long ccs_m __attribute__((vector_size(64)));
        #define CCS_SPLAT(c) ((ccs_v){(c), (c), (c), (c), (c), (c), (c), (c)})
        #if defined(__clang__)
        #define CCS_SHUFFLE(a, b, ...) __builtin_shufflevector(a, b, __VA_ARGS__)
        #else
        #define CCS_SHUFFLE(a, b, ...) __builtin_shuffle(a, b, (ccs_m){__VA_ARGS__})
        #endif

        static inline ccs_v ccs_v_load(const double *p) { ccs_v v; memcpy(&v, p, sizeof v); return v; }
        static inline void ccs_v_store(double *p, ccs_v v) { memcpy(p, &v, sizeof v); }
        /* 1.0 where a comparison holds, 0.0 elsewhere; a where the mask is set, b elsewhere. */
        static inline ccs_v ccs_v_ones(ccs_m m) { return (ccs_v)(m & (ccs_m)CCS_SPLAT(1.0)); }
        static inline ccs_v ccs_v_select(ccs_m m, ccs_v a, ccs_v b) { return (ccs_v)((m & (ccs_m)a) | (~m & (ccs_m)b)); }

        /* Transposes the 8x8 block r[row][column] in place, in three rounds of two-register shuffles. */
        static inline void ccs_transpose8(ccs_v *r) {
            ccs_v t[8], u[8];
            for (int i = 0; i < 8; i += 2) {
                t[i] = CCS_SHUFFLE(r[i], r[i + 1], 0, 8, 2, 10, 4, 12, 6, 14);
                t[i + 1] = CCS_SHUFFLE(r[i], r[i + 1], 1, 9, 3, 11, 5, 13, 7, 15);
            }
            for (int i = 0; i < 8; i += 4) {
                u[i] = CCS_SHUFFLE(t[i], t[i + 2], 0, 1, 8, 9, 4, 5, 12, 13);
                u[i + 1] = CCS_SHUFFLE(t[i], t[i + 2], 2, 3, 10, 11, 6, 7, 14, 15);
                u[i + 2] = CCS_SHUFFLE(t[i + 1], t[i + 3], 0, 1, 8, 9, 4, 5, 12, 13);
                u[i + 3] = CCS_SHUFFLE(t[i + 1], t[i + 3], 2, 3, 10, 11, 6, 7, 14, 15);
            }
            r[0] = CCS_SHUFFLE(u[0], u[4], 0, 1, 2, 3, 8, 9, 10, 11);
            r[4] = CCS_SHUFFLE(u[0], u[4], 4, 5, 6, 7, 12, 13, 14, 15);
            r[2] = CCS_SHUFFLE(u[1], u[5], 0, 1, 2, 3, 8, 9, 10, 11);
            r[6] = CCS_SHUFFLE(u[1], u[5], 4, 5, 6, 7, 12, 13, 14, 15);
            r[1] = CCS_SHUFFLE(u[2], u[6], 0, 1, 2, 3, 8, 9, 10, 11);
            r[5] = CCS_SHUFFLE(u[2], u[6], 4, 5, 6, 7, 12, 13, 14, 15);
            r[3] = CCS_SHUFFLE(u[3], u[7], 0, 1, 2, 3, 8, 9, 10, 11);
            r[7] = CCS_SHUFFLE(u[3], u[7], 4, 5, 6, 7, 12, 13, 14, 15);
        }

        /* Point-major rows (8 points of m entries) into one vector per entry. */
        static inline void ccs_gather_points(const double *x, long m, ccs_v *v) {
            const long full = m - m % 8;
            for (long i = 0; i < full; i += 8) {
                ccs_v r[8];
                for (int l = 0; l < 8; l++) r[l] = ccs_v_load(x + l * m + i);
                ccs_transpose8(r);
                for (int c = 0; c < 8; c++) v[i + c] = r[c];
            }
            for (long i = full; i < m; i++)
                for (int l = 0; l < 8; l++) v[i][l] = x[l * m + i];
        }

        /* Eight entries of eight points into the points' rows (stride m apart): an 8x8 transpose. */
        static inline void ccs_store_block(double *p, long m, ccs_v *b) {
            ccs_transpose8(b);
            for (int l = 0; l < 8; l++) ccs_v_store(p + l * m, b[l]);
        }

        /* Constants the optimizer may not see into. GCC 12 with AVX-512 materializes some constant
           vectors wrongly ({1, 1, 0, 0, 0, 0, 0, 0} comes out as eight ones), so a row of constants
           is loaded from its table through a pointer the compiler cannot follow, and constants that
           meet variables in a transpose enter it as opaque values. */
        #if defined(__AVX512F__) && !defined(__clang__)
        #define CCS_OPAQUE(c) ccs_v_opaque(CCS_SPLAT(c))
        static inline ccs_v ccs_v_opaque(ccs_v v) { __asm__("" : "+v"(v)); return v; }
        #else
        #define CCS_OPAQUE(c) CCS_SPLAT(c)
        #endif

        /* The same eight entries (a table of constants) into every point's row: no transpose. */
        static inline void ccs_store_rows(double *p, long m, const double *row) {
            __asm__("" : "+r"(row));
            const ccs_v c = ccs_v_load(row);
            for (int l = 0; l < 8; l++) ccs_v_store(p + l * m, c);
        }

        /* One entry of eight points into the points' rows. */
        static inline void ccs_store_column(double *p, long m, ccs_v v) {
            for (int l = 0; l < 8; l++) p[l * m] = v[l];
        }
        #endif

        """

    /// Functions between `lowerOptimization` and `restoreOptimization` compile at -O1 under GCC
    /// (whatever -O the flags give, except -O0): for code where -O3 costs compile time and buys no
    /// run time. Other compilers keep their flags.
    static let lowerOptimization = """
        #if defined(__GNUC__) && !defined(__clang__) && defined(__OPTIMIZE__)
        #pragma GCC push_options
        #pragma GCC optimize ("O1")
        #endif

        """
    static let restoreOptimization = """
        #if defined(__GNUC__) && !defined(__clang__) && defined(__OPTIMIZE__)
        #pragma GCC pop_options
        #endif

        """

    /// The scalar and vector helpers of a function call: `ccs_NAME` on doubles, `ccs_v_NAME` on
    /// vectors (glibc's vector math when built with CCS_LIBMVEC on AVX-512, else lane by lane).
    static func helpers(name: String, parameters: [String], scalar: String, vector: ElementwiseC.Vector) -> String {
        let doubles = parameters.map { "double \($0)" }.joined(separator: ", ")
        let vectors = parameters.map { "ccs_v \($0)" }.joined(separator: ", ")
        let lanewise = "{ ccs_v r; for (int l = 0; l < 8; l++) r[l] = ccs_\(name)(\(parameters.map { "\($0)[l]" }.joined(separator: ", "))); return r; }"
        var text = "static inline double ccs_\(name)(\(doubles)) { return \(scalar); }\n#if CCS_VECTOR\n"
        switch vector {
        case .lanes:
            text += "static inline ccs_v ccs_v_\(name)(\(vectors)) \(lanewise)\n"
        case let .libmvec(symbol):
            let abi = "_ZGVeN8\(String(repeating: "v", count: parameters.count))_\(symbol)"
            text += """
                #if defined(CCS_LIBMVEC) && defined(__AVX512F__)
                ccs_v \(abi)(\(parameters.map { _ in "ccs_v" }.joined(separator: ", ")));
                static inline ccs_v ccs_v_\(name)(\(vectors)) { return \(abi)(\(parameters.joined(separator: ", "))); }
                #else
                static inline ccs_v ccs_v_\(name)(\(vectors)) \(lanewise)
                #endif

                """
        case .absolute:
            text += "static inline ccs_v ccs_v_\(name)(ccs_v x) { return (ccs_v)((ccs_m)x & ~(ccs_m)CCS_SPLAT(-0.0)); }\n"
        case .squareRoot:
            // GCC's builtin is what its _mm512_sqrt_pd expands to: every lane, current rounding (4).
            text += """
                #if defined(__AVX512F__) && defined(__clang__)
                static inline ccs_v ccs_v_\(name)(ccs_v x) { return (ccs_v)_mm512_sqrt_pd((__m512d)x); }
                #elif defined(__AVX512F__)
                static inline ccs_v ccs_v_\(name)(ccs_v x) { return __builtin_ia32_sqrtpd512_mask(x, x, (unsigned char)-1, 4); }
                #else
                static inline ccs_v ccs_v_\(name)(ccs_v x) \(lanewise)
                #endif

                """
        }
        return text + "#endif\n"
    }
}
