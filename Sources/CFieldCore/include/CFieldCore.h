// CFieldCore: the few processor-specific routines FieldCore uses when the CPU has them.
//
// Only plain C types, no system headers, so the target builds for every triple FieldKit supports
// (x86-64 and AArch64 hosts, armv7em, riscv32 and wasm32 without a C library). On targets without
// the instructions the functions report "unavailable" and FieldCore uses its portable Swift code.

#ifndef CFIELDCORE_H
#define CFIELDCORE_H

/// SHA-256's 64 round constants (FIPS 180-4 section 4.2.2), shared by the portable Swift code and
/// the hardware path. (A function, so Swift gets a pointer rather than a 64-element tuple.)
const unsigned int *fieldcore_sha256_round_constants(void);

/// Returns 1 when this processor can run `fieldcore_sha256_compress_hardware` (x86-64 with the
/// SHA extensions, SSSE3 and SSE4.1), 0 otherwise.
int fieldcore_sha256_hardware_available(void);

/// Runs the SHA-256 compression function over `blocks` consecutive 64-byte blocks at `data`,
/// updating the eight state words in `state` (FIPS 180-4 order a..h). Call only when
/// `fieldcore_sha256_hardware_available()` returned 1.
void fieldcore_sha256_compress_hardware(unsigned int state[8], const unsigned char *data, long blocks);

#endif
