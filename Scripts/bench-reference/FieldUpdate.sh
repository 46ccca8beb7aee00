#!/usr/bin/env bash
# Reference figures for FieldUpdate, measured in the same run as Benchmarks/FieldUpdateBenchmarks:
# CPython's C-accelerated json.loads plus bytes.fromhex of every digest on a manifest of the same
# shape (1 MiB image, 4 KiB chunks, 256 chunk digests), and hashlib (OpenSSL) SHA-256 of 64 chunks
# of 4 KiB plus the whole 256 KiB image (the hashing a verified download + install does).
# Prints a markdown table of microseconds per operation (best of 5 repeats of a timed loop).
set -euo pipefail
python3 - <<'PY'
import hashlib, json, os, timeit
image = os.urandom(1 << 20)
chunks = [hashlib.sha256(image[i:i + 4096]).hexdigest() for i in range(0, len(image), 4096)]
doc = {"format": 1, "version": "2.0.0", "security_counter": 3, "hardware": "bench-r1",
       "image": {"size": len(image), "sha256": hashlib.sha256(image).hexdigest(), "chunk_size": 4096, "chunks": chunks},
       "patches": [], "preconditions": {"min_battery_percent": 0, "connectivity": ["ethernet", "wifi", "cellular", "lpwan", "satellite"]}}
text = json.dumps(doc, separators=(",", ":")).encode()

def decode():
    d = json.loads(text)
    bytes.fromhex(d["image"]["sha256"])
    for c in d["image"]["chunks"]:
        bytes.fromhex(c)

small = image[:256 << 10]
def verify():
    for i in range(0, len(small), 4096):
        hashlib.sha256(small[i:i + 4096]).digest()
    hashlib.sha256(small).digest()

def best_us(f, n):
    return min(timeit.repeat(f, number=n, repeat=5)) / n * 1e6

print("| reference (same shapes, best of 5) | µs per operation |")
print("|---|---:|")
print(f"| Python `json.loads` + `bytes.fromhex` of 256 digests (manifest JSON decode) | {best_us(decode, 200):.0f} |")
print(f"| Python `hashlib.sha256` (OpenSSL) of 64 × 4 KiB chunks + 256 KiB image (download + install hashing) | {best_us(verify, 50):.0f} |")
PY
