#ifndef CCS_ALLOCATION_COUNTER_H
#define CCS_ALLOCATION_COUNTER_H
// Heap allocations made so far by the calling thread (malloc, calloc, realloc and the aligned
// variants), counted by wrappers linked into the test binary.
long ccs_thread_allocation_count(void);
#endif
