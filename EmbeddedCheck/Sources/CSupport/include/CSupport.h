// The minimal C runtime the Embedded Swift self-test needs on bare wasm32 under WASI:
// memory allocation, mem* functions, putchar, randomness and exit.
#ifndef FIELDKIT_CSUPPORT_H
#define FIELDKIT_CSUPPORT_H

#include <stddef.h>

/// Ends the program with the given status (WASI proc_exit).
void fieldkit_exit(int status) __attribute__((noreturn));

/// Bytes currently allocated and the high-water mark, for memory reports.
size_t fieldkit_heap_in_use(void);
size_t fieldkit_heap_peak(void);

#endif
