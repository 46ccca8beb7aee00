#!/usr/bin/env python3
"""Generates firmware-like patch fixtures for FieldDeltaTests (Tests/FieldDeltaTests/Binary/).

Compiles two versions of a small C "firmware" with the system C compiler (gcc or cc) into
position-independent x86-64 ELF shared objects, then makes a third image by seeded random edits of
the second. For each pair it records, from independent references, the SHA-256 of both images
(Python hashlib) and the size of a bsdiff patch (the bsdiff4 package from PyPI), so the Swift tests
check our header digests against hashlib and our patch size against bsdiff.

The output is one Swift file, Tests/FieldDeltaTests/Binary/FirmwareFixtures.swift, holding the
images as base64 strings (a resource file in the test target would need a Package.swift change).

Usage: python3 Scripts/make-delta-fixtures.py   (needs gcc and `pip install bsdiff4`)
"""
import base64
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "FieldDeltaTests", "Binary", "FirmwareFixtures.swift")

FIRMWARE = r"""
#include <stdint.h>
#define SAMPLE_COUNT @SAMPLES@
static volatile uint32_t registers[64];
static int32_t samples[SAMPLE_COUNT];
static const char banner[] = "@BANNER@";

uint32_t crc32_update(uint32_t crc, const uint8_t *data, uint32_t length) {
    crc = ~crc;
    for (uint32_t i = 0; i < length; i++) {
        crc ^= data[i];
        for (int bit = 0; bit < 8; bit++) crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
    }
    return ~crc;
}

static int32_t median3(int32_t a, int32_t b, int32_t c) {
    if (a > b) { int32_t t = a; a = b; b = t; }
    if (b > c) { b = c; }
    return a > b ? a : b;
}

int32_t filter_samples(int32_t threshold) {
    int32_t acc = 0;
    for (int i = 2; i < SAMPLE_COUNT; i++) {
        int32_t m = median3(samples[i - 2], samples[i - 1], samples[i]);
@FILTER@
    }
    return acc;
}

void record_sample(uint32_t index, int32_t value) {
    samples[index % SAMPLE_COUNT] = value;
    registers[index & 63] = crc32_update(registers[(index + 1) & 63], (const uint8_t *)&value, 4);
}

@EXTRA@

uint32_t firmware_main(uint32_t ticks) {
    uint32_t state = @SEED@u;
    for (uint32_t t = 0; t < ticks; t++) {
        state = state * 1664525u + 1013904223u;
        record_sample(t, (int32_t)(state >> 8) - @OFFSET@);
        if ((t & 255) == 0) registers[1] = (uint32_t)filter_samples(@THRESHOLD@);
@MAINEXTRA@
    }
    return registers[1] ^ crc32_update(0, (const uint8_t *)banner, sizeof banner);
}
"""

V1 = {
    "@SAMPLES@": "128", "@BANNER@": "fieldkit demo firmware 1.0.0", "@SEED@": "12345", "@OFFSET@": "4096",
    "@THRESHOLD@": "100", "@FILTER@": "        if (m > threshold) acc += m;",
    "@EXTRA@": "", "@MAINEXTRA@": "",
}
V2 = dict(V1)
V2.update({
    "@SAMPLES@": "160", "@BANNER@": "fieldkit demo firmware 1.1.0 (filters)", "@THRESHOLD@": "120",
    "@FILTER@": "        if (m > threshold) acc += m; else if (m < -threshold) acc -= m / 2;",
    "@EXTRA@": """
uint32_t moving_average(uint32_t window) {
    int64_t sum = 0;
    for (uint32_t i = 0; i < window && i < SAMPLE_COUNT; i++) sum += samples[SAMPLE_COUNT - 1 - i];
    return (uint32_t)(sum / (window ? window : 1));
}
""",
    "@MAINEXTRA@": "        if ((t & 1023) == 7) registers[2] = moving_average(16);",
})


def compile_firmware(values, directory, name):
    source = FIRMWARE
    for key, value in values.items():
        source = source.replace(key, value)
    c_path = os.path.join(directory, name + ".c")
    so_path = os.path.join(directory, name + ".so")
    with open(c_path, "w") as handle:
        handle.write(source)
    compiler = os.environ.get("CC", "gcc")
    subprocess.run(
        [compiler, "-O2", "-fPIC", "-shared", "-nostdlib", "-fno-asynchronous-unwind-tables", "-s",
         "-Wl,--build-id=none", "-o", so_path, c_path],
        check=True)
    with open(so_path, "rb") as handle:
        return handle.read()


def random_edits(data, seed, count):
    rng = random.Random(seed)
    out = bytearray(data)
    for _ in range(count):
        at = rng.randrange(len(out))
        kind = rng.randrange(3)
        if kind == 0:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 48)))
        elif kind == 1:
            del out[at:at + rng.randrange(1, 48)]
        else:
            out[at] = (out[at] + rng.randrange(1, 256)) % 256
    return bytes(out)


def main():
    import bsdiff4

    with tempfile.TemporaryDirectory() as directory:
        v1 = compile_firmware(V1, directory, "v1")
        v2 = compile_firmware(V2, directory, "v2")
    v3 = random_edits(v2, seed=2026, count=25)
    images = {"v1": v1, "v2": v2, "v2Edited": v3}
    pairs = []
    for old, new in [("v1", "v2"), ("v2", "v2Edited"), ("v1", "v2Edited")]:
        pairs.append({
            "old": old, "new": new,
            "new_size": len(images[new]),
            "old_sha256": hashlib.sha256(images[old]).hexdigest(),
            "new_sha256": hashlib.sha256(images[new]).hexdigest(),
            "bsdiff4_patch_size": len(bsdiff4.diff(images[old], images[new])),
        })
    lines = [
        "// Generated by Scripts/make-delta-fixtures.py: do not edit. Images compiled with the system C",
        "// compiler; digests from Python hashlib; patch sizes from bsdiff4 (PyPI).",
        "",
        "/// Firmware-like images and independent reference facts about their pairs.",
        "enum FirmwareFixtures {",
    ]
    for name, data in images.items():
        encoded = base64.b64encode(data).decode()
        lines.append("    static let %s = \"\"\"" % name)
        for start in range(0, len(encoded), 100):
            lines.append("        " + encoded[start:start + 100])
        lines.append("        \"\"\"")
    lines.append("")
    lines.append("    /// (old, new, SHA-256 of old, SHA-256 of new, bsdiff4 patch size)")
    lines.append("    static let pairs: [(old: String, new: String, oldSHA256: String, newSHA256: String, bsdiffSize: Int)] = [")
    for pair in pairs:
        lines.append("        (\"%s\", \"%s\", \"%s\", \"%s\", %d)," % (
            pair["old"], pair["new"], pair["old_sha256"], pair["new_sha256"], pair["bsdiff4_patch_size"]))
    lines.append("    ]")
    lines.append("}")
    with open(OUT, "w") as handle:
        handle.write("\n".join(lines) + "\n")
    for pair in pairs:
        print(pair["old"], "->", pair["new"], pair["new_size"], "bytes, bsdiff4", pair["bsdiff4_patch_size"])
    print("wrote", OUT)


if __name__ == "__main__":
    sys.exit(main())
