#include "CFuzzer.h"

#ifdef CCS_FUZZING
// libFuzzer's entry point for programs with their own main (linked by -sanitize=fuzzer).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

int ccs_fuzz_driver(int *argc, char ***argv, int (*input)(const uint8_t *data, size_t size)) {
    return LLVMFuzzerRunDriver(argc, argv, input);
}
#else
int ccs_fuzz_driver(int *argc, char ***argv, int (*input)(const uint8_t *data, size_t size)) {
    (void)argc;
    (void)argv;
    (void)input;
    return -1;
}
#endif
