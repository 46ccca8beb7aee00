// A tiny freestanding runtime for Embedded Swift on wasm32 + WASI, written for FieldKit's self-test.
#include "CSupport.h"
#include <stdint.h>

__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_write")))
int32_t __wasi_fd_write(int32_t fd, const void *iovs, int32_t iovs_len, int32_t *nwritten);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_exit")))
void __wasi_proc_exit(int32_t code) __attribute__((noreturn));
__attribute__((import_module("wasi_snapshot_preview1"), import_name("random_get")))
int32_t __wasi_random_get(void *buf, int32_t len);

void fieldkit_exit(int status) { __wasi_proc_exit(status); }

// ---- memory functions ------------------------------------------------------------------------
#include "MemoryFunctions.h"
size_t strlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }

// ---- allocation: a first-fit free list over memory grown from the wasm heap ------------------
typedef struct Block { size_t size; struct Block *next; } Block;
static Block *free_list = 0;
static size_t in_use = 0, peak = 0;
extern unsigned char __heap_base;
static uintptr_t heap_top = 0;

static void *grow(size_t bytes) {
    if (heap_top == 0) heap_top = (uintptr_t)&__heap_base;
    uintptr_t start = (heap_top + 15) & ~(uintptr_t)15;
    uintptr_t end = start + bytes;
    size_t have = __builtin_wasm_memory_size(0) * 65536;
    if (end > have) {
        size_t pages = (end - have + 65535) / 65536;
        if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) return 0;
    }
    heap_top = end;
    return (void *)start;
}

int posix_memalign(void **out, size_t alignment, size_t size) {
    if (alignment < 16) alignment = 16;
    size_t need = (size + 15) & ~(size_t)15;
    // Reuse a free block when one fits (aligned to 16; larger alignments take fresh memory).
    if (alignment == 16) {
        Block **link = &free_list;
        while (*link) {
            if ((*link)->size >= need) {
                Block *b = *link;
                *link = b->next;
                in_use += b->size;
                if (in_use > peak) peak = in_use;
                *out = (unsigned char *)b + 16;
                return 0;
            }
            link = &(*link)->next;
        }
    }
    unsigned char *raw = grow(need + 16 + alignment);
    if (!raw) return 12;
    uintptr_t user = ((uintptr_t)raw + 16 + alignment - 1) & ~(uintptr_t)(alignment - 1);
    Block *b = (Block *)(user - 16);
    b->size = need;
    in_use += need;
    if (in_use > peak) peak = in_use;
    *out = (void *)user;
    return 0;
}
void *malloc(size_t size) { void *p = 0; return posix_memalign(&p, 16, size) == 0 ? p : 0; }
void free(void *p) {
    if (!p) return;
    Block *b = (Block *)((unsigned char *)p - 16);
    in_use -= b->size;
    b->next = free_list;
    free_list = b;
}
size_t fieldkit_heap_in_use(void) { return in_use; }
size_t fieldkit_heap_peak(void) { return peak; }

// ---- output, randomness, arithmetic helpers -------------------------------------------------
int putchar(int c) {
    unsigned char ch = (unsigned char)c;
    struct { const void *buf; int32_t len; } iov = { &ch, 1 };
    int32_t written;
    __wasi_fd_write(1, &iov, 1, &written);
    return c;
}
void arc4random_buf(void *buf, size_t n) { __wasi_random_get(buf, (int32_t)n); }
void abort(void) { __wasi_proc_exit(134); }

typedef unsigned __int128 u128;
typedef __int128 i128;
i128 __multi3(i128 a, i128 b) {
    unsigned long long al = (unsigned long long)a, bl = (unsigned long long)b;
    unsigned long long ah = (unsigned long long)((u128)a >> 64), bh = (unsigned long long)((u128)b >> 64);
    unsigned long long a0 = al & 0xffffffffULL, a1 = al >> 32, b0 = bl & 0xffffffffULL, b1 = bl >> 32;
    unsigned long long p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    unsigned long long mid = (p00 >> 32) + (p01 & 0xffffffffULL) + (p10 & 0xffffffffULL);
    unsigned long long lo = (p00 & 0xffffffffULL) | (mid << 32);
    unsigned long long hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32) + al * bh + ah * bl;
    return (i128)(((u128)hi << 64) | lo);
}

// The entry point WASI runners call.
extern int fieldkit_selftest_main(void);
void _start(void) { __wasi_proc_exit(fieldkit_selftest_main()); }

// Stack protector support (the Swift compiler emits guards by default).
uintptr_t __stack_chk_guard = 0x5f3a9c17u;
void __stack_chk_fail(void) { __wasi_proc_exit(135); }
