#!/usr/bin/env bash
# Reference for the FieldMQTT benchmarks, measured in the same run: a minimal, unvalidating C
# encoder/decoder for the same QoS 1 PUBLISH packets (31-byte topic, 64-byte and 4 KiB payloads),
# written for this comparison in the style of paho embedded-c's MQTTSerialize_publish /
# MQTTDeserialize_publish (length checks only: no UTF-8, flag, wildcard or identifier validation).
# paho embedded-c itself is neither packaged in Debian nor on PyPI, so it cannot be built here
# offline; issue 3 quotes 21.6 M packets/s for it on this machine.
#
# Prints a Markdown table (wall clock, best of 5 runs of 10 M packets, cc -O2).
set -euo pipefail
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/ref.c" <<'C'
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

typedef struct { const uint8_t *topic; int topic_len; const uint8_t *payload; int payload_len; int qos, dup, retain; uint16_t id; } publish_t;

static int encode(uint8_t *buf, int cap, const publish_t *p) {
    int body = 2 + p->topic_len + (p->qos ? 2 : 0) + p->payload_len;
    int n = 0;
    if (cap < body + 5) return -1;
    buf[n++] = (uint8_t)(0x30 | (p->dup << 3) | (p->qos << 1) | p->retain);
    int rl = body;
    do { uint8_t b = rl & 0x7F; rl >>= 7; if (rl) b |= 0x80; buf[n++] = b; } while (rl);
    buf[n++] = (uint8_t)(p->topic_len >> 8); buf[n++] = (uint8_t)p->topic_len;
    memcpy(buf + n, p->topic, p->topic_len); n += p->topic_len;
    if (p->qos) { buf[n++] = (uint8_t)(p->id >> 8); buf[n++] = (uint8_t)p->id; }
    memcpy(buf + n, p->payload, p->payload_len); n += p->payload_len;
    return n;
}

static int decode(const uint8_t *buf, int len, publish_t *p) {
    if (len < 2) return -1;
    int i = 1, rl = 0, shift = 0;
    do { if (i >= len || i > 4) return -1; rl |= (buf[i] & 0x7F) << shift; shift += 7; } while (buf[i++] & 0x80);
    const uint8_t *end = buf + i + rl;
    if (end > buf + len) return -1;
    p->qos = (buf[0] >> 1) & 3; p->dup = (buf[0] >> 3) & 1; p->retain = buf[0] & 1;
    const uint8_t *c = buf + i;
    if (end - c < 2) return -1;
    p->topic_len = (c[0] << 8) | c[1]; c += 2;
    if (end - c < p->topic_len) return -1;
    p->topic = c; c += p->topic_len;
    if (p->qos) { if (end - c < 2) return -1; p->id = (uint16_t)((c[0] << 8) | c[1]); c += 2; }
    p->payload = c; p->payload_len = (int)(end - c);
    return 0;
}

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

static double run(int payload_len) {
    static uint8_t payload[4096], buf[8192];
    const char *topic = "sensors/site-042/meter-17/energ";
    memset(payload, 0x5A, sizeof payload);
    publish_t in = { (const uint8_t *)topic, 31, payload, payload_len, 1, 0, 0, 7 }, out;
    const long n = 10000000;
    volatile long sink = 0;
    double best = 0;
    for (int r = 0; r < 5; r++) {
        double t0 = now();
        for (long k = 0; k < n; k++) {
            in.id = (uint16_t)(k | 1);
            int len = encode(buf, sizeof buf, &in);
            if (decode(buf, len, &out) == 0) sink += out.payload_len + out.id;
        }
        double rate = n / (now() - t0);
        if (rate > best) best = rate;
    }
    return best / 1e6;
}

int main(void) {
    printf("| reference (same run, wall clock, best of 5 x 10 M) | payload | M packets/s |\n|---|---:|---:|\n");
    printf("| minimal unvalidating C encode + decode (cc -O2) | 64 B | %.1f |\n", run(64));
    printf("| minimal unvalidating C encode + decode (cc -O2) | 4 KiB | %.1f |\n", run(4096));
    return 0;
}
C
cc -O2 -o "$dir/ref" "$dir/ref.c"
"$dir/ref"
