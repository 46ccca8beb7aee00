// What Embedded Swift needs from a C library on bare metal, kept as small as possible so the
// linked image measures FieldML and not the support code: mem* functions, a bump allocator over
// a static heap (free does nothing: the firmware allocates once at start), abort and the entry.
#include <stddef.h>
#include <stdint.h>

#include "../Sources/CSupport/MemoryFunctions.h"

#if defined(__arm__)
// The ARM run-time ABI's names for the same operations (note memset's argument order).
void __aeabi_memcpy(void *d, const void *s, size_t n) { memcpy(d, s, n); }
void __aeabi_memcpy4(void *d, const void *s, size_t n) { memcpy(d, s, n); }
void __aeabi_memcpy8(void *d, const void *s, size_t n) { memcpy(d, s, n); }
void __aeabi_memmove(void *d, const void *s, size_t n) { memmove(d, s, n); }
void __aeabi_memmove4(void *d, const void *s, size_t n) { memmove(d, s, n); }
void __aeabi_memmove8(void *d, const void *s, size_t n) { memmove(d, s, n); }
void __aeabi_memset(void *d, size_t n, int c) { memset(d, c, n); }
void __aeabi_memset4(void *d, size_t n, int c) { memset(d, c, n); }
void __aeabi_memset8(void *d, size_t n, int c) { memset(d, c, n); }
void __aeabi_memclr(void *d, size_t n) { memset(d, 0, n); }
void __aeabi_memclr4(void *d, size_t n) { memset(d, 0, n); }
void __aeabi_memclr8(void *d, size_t n) { memset(d, 0, n); }
#endif

static unsigned char heap[64 * 1024] __attribute__((aligned(16)));
static size_t heap_used;

int posix_memalign(void **out, size_t alignment, size_t size) {
    if (alignment < 8) alignment = 8;
    size_t start = (heap_used + alignment - 1) & ~(alignment - 1);
    if (start > sizeof heap || size > sizeof heap - start) return 12;
    heap_used = start + size;
    *out = heap + start;
    return 0;
}
void *malloc(size_t size) {
    void *p = 0;
    return posix_memalign(&p, 8, size) == 0 ? p : 0;
}
void free(void *p) { (void)p; }

void abort(void) {
    for (;;) {}
}

extern int firmware_main(void);
volatile int firmware_status;

void Reset_Handler(void) {
    firmware_status = firmware_main();
    for (;;) {}
}
