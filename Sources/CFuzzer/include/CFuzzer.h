#ifndef CFUZZER_H
#define CFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// Hands the process to libFuzzer, which calls `input` with every input it tries; returns libFuzzer's
/// status, or -1 when this build has no libFuzzer (scripts/fuzz builds with it).
int ccs_fuzz_driver(int *argc, char ***argv, int (*input)(const uint8_t *data, size_t size));

#endif
