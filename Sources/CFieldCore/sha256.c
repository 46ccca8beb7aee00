// SHA-256's round constants, and its compression with the x86 SHA extensions (SHA256RNDS2,
// SHA256MSG1, SHA256MSG2).
//
// The state lives in two vectors as the instructions expect it: ABEF (a in the top lane) and CDGH.
// Each SHA256RNDS2 performs two rounds, taking CDGH and ABEF and returning the new ABEF; the old
// ABEF becomes the new CDGH, so the two vectors simply swap roles every two rounds. The message
// schedule is computed four words at a time: W[t..t+3] = MSG2(MSG1(W[t-16..], W[t-12..]) +
// W[t-7..t-4], W[t-4..t-1]).

#include "CFieldCore.h"

static const unsigned int fieldcore_sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

const unsigned int *fieldcore_sha256_round_constants(void) { return fieldcore_sha256_k; }

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

int fieldcore_sha256_hardware_available(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const unsigned int ssse3 = 1u << 9, sse41 = 1u << 19;
    if ((ecx & ssse3) == 0 || (ecx & sse41) == 0) return 0;
    if (__get_cpuid_max(0, 0) < 7) return 0;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    return (ebx >> 29) & 1;
}

__attribute__((target("sha,ssse3,sse4.1")))
void fieldcore_sha256_compress_hardware(unsigned int state[8], const unsigned char *data, long blocks) {
    // Big-endian words: reverse the bytes within each 32-bit lane.
    const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i dcba = _mm_loadu_si128((const __m128i *)&state[0]);   // lanes a, b, c, d
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&state[4]);   // lanes e, f, g, h
    __m128i badc = _mm_shuffle_epi32(dcba, 0xB1);                  // lanes b, a, d, c
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);                  // lanes h, g, f, e
    __m128i abef = _mm_alignr_epi8(badc, efgh, 8);                 // lanes f, e, b, a
    __m128i cdgh = _mm_blend_epi16(efgh, badc, 0xF0);              // lanes h, g, d, c

    for (long block = 0; block < blocks; block++, data += 64) {
        const __m128i savedAbef = abef, savedCdgh = cdgh;
        __m128i w[4];
        for (int i = 0; i < 4; i++) {
            w[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * i)), byteSwap);
        }
        for (int group = 0; group < 16; group++) {
            __m128i words;
            if (group < 4) {
                words = w[group];
            } else {
                // w holds W[t-16..t-13], W[t-12..t-9], W[t-8..t-5], W[t-4..t-1] at slots
                // group, group+1, group+2, group+3 (mod 4).
                const __m128i oldest = w[group & 3], older = w[(group + 1) & 3];
                const __m128i old = w[(group + 2) & 3], last = w[(group + 3) & 3];
                __m128i next = _mm_sha256msg1_epu32(oldest, older);
                next = _mm_add_epi32(next, _mm_alignr_epi8(last, old, 4));   // W[t-7..t-4]
                words = _mm_sha256msg2_epu32(next, last);
                w[group & 3] = words;
            }
            __m128i wk = _mm_add_epi32(words, _mm_loadu_si128((const __m128i *)&fieldcore_sha256_k[4 * group]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);     // two rounds: cdgh now holds the new ABEF
            wk = _mm_shuffle_epi32(wk, 0x0E);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, wk);     // two more: abef holds ABEF again
        }
        abef = _mm_add_epi32(abef, savedAbef);
        cdgh = _mm_add_epi32(cdgh, savedCdgh);
    }

    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);                  // lanes a, b, e, f
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);                  // lanes g, h, c, d
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));   // a, b, c, d
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));      // e, f, g, h
}

#else

int fieldcore_sha256_hardware_available(void) { return 0; }

void fieldcore_sha256_compress_hardware(unsigned int state[8], const unsigned char *data, long blocks) {
    (void)state;
    (void)data;
    (void)blocks;
}

#endif
