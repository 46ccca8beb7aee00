#!/usr/bin/env python3
"""Generates FieldUpdate test fixtures from independent references.

- Manifests: encoded here from the format description in
  Sources/FieldUpdate/Manifest/UpdateManifest+Binary.swift (an independent Python implementation),
  digests from hashlib, JSON from Python's json module.
- Signatures: a keyed SHA-256 test scheme (sha256(key || message)), computed with hashlib.
- Wilson score intervals: scipy.stats.binomtest(...).proportion_ci(method="wilson").
- Cohort buckets: FNV-1a 64 + MurmurHash3 fmix64, implemented here from their published definitions.

Run: python3 Scripts/update_fixtures.py  (writes Tests/FieldUpdateTests/Fixtures/)
"""
import hashlib
import json
import os
import random

from scipy.stats import binomtest, norm

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "FieldUpdateTests", "Fixtures")
TEST_KEY = b"fieldupdate-test-key"
CONNECTIVITY = ["ethernet", "wifi", "cellular", "lpwan", "satellite"]


def leb128(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def version_bytes(text):
    return b"".join(leb128(int(p)) for p in text.split("."))


def describe(data, chunk_size):
    chunks = [hashlib.sha256(data[i:i + chunk_size]).hexdigest() for i in range(0, len(data), chunk_size)]
    return {"size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "chunk_size": chunk_size, "chunks": chunks}


def payload_bytes(p):
    out = leb128(p["size"]) + bytes.fromhex(p["sha256"]) + leb128(p["chunk_size"]) + leb128(len(p["chunks"]))
    return out + b"".join(bytes.fromhex(c) for c in p["chunks"])


def field(tag, body):
    return bytes([tag]) + leb128(len(body)) + body


def encode_manifest(m):
    out = b"FKUM" + bytes([1])
    out += field(1, version_bytes(m["version"]))
    out += field(2, leb128(m["security_counter"]))
    out += field(3, m["hardware"].encode())
    out += field(4, payload_bytes(m["image"]))
    for p in m["patches"]:
        out += field(5, version_bytes(p["from"]) + payload_bytes(p))
    mask = 0
    for name in m["preconditions"]["connectivity"]:
        mask |= 1 << CONNECTIVITY.index(name)
    out += field(6, bytes([m["preconditions"]["min_battery_percent"], mask]))
    return out


def write(name, data):
    mode = "w" if isinstance(data, str) else "wb"
    with open(os.path.join(OUT, name), mode) as f:
        f.write(data)


def fnv_fmix(device_id, salt):
    h = 0xCBF29CE484222325
    mask = (1 << 64) - 1
    for b in salt.encode() + b"\x00" + device_id.encode():
        h ^= b
        h = (h * 0x100000001B3) & mask
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & mask
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & mask
    h ^= h >> 33
    return h


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(20261122)
    base = bytes(rng.getrandbits(8) for _ in range(1000))
    image = bytearray(base)
    for i in range(0, len(image), 97):
        image[i] ^= 0x5A
    image = bytes(image) + bytes(rng.getrandbits(8) for _ in range(300))
    # Test patch format (XOR over the base, extended with literal bytes), see XORPatchApplier in the tests.
    patch = bytes((image[i] ^ base[i]) if i < len(base) else image[i] for i in range(len(image)))
    write("image-1.4.0.bin", image)
    write("image-1.3.0.bin", base)
    write("patch-1.3.0-1.4.0.bin", patch)
    image_desc = describe(image, 256)
    patch_desc = describe(patch, 128)
    patch_desc = {"from": "1.3.0", **patch_desc}
    manifest = {
        "format": 1,
        "version": "1.4.0",
        "security_counter": 7,
        "hardware": "meter-r3",
        "image": image_desc,
        "patches": [patch_desc],
        "preconditions": {"min_battery_percent": 30, "connectivity": ["ethernet", "wifi"]},
    }
    binary = encode_manifest(manifest)
    write("manifest.json", json.dumps(manifest, indent=2) + "\n")
    write("manifest.bin", binary)
    signature = hashlib.sha256(TEST_KEY + binary).digest()
    write("signed.bin", b"FKUS" + bytes([1]) + leb128(len(binary)) + binary + leb128(len(signature)) + signature)
    write("signed.json", json.dumps({"manifest": manifest, "signature": signature.hex()}, separators=(",", ":")) + "\n")

    cases = []
    for x, n in [(0, 1), (1, 2), (0, 10), (1, 10), (5, 10), (10, 10), (3, 40), (30, 300), (0, 1000), (100, 1000),
                 (50, 1000), (12345, 100000)]:
        for conf in (0.95, 0.99):
            ci = binomtest(x, n).proportion_ci(confidence_level=conf, method="wilson")
            cases.append({"failures": x, "trials": n, "z": norm.ppf(0.5 + conf / 2), "lower": ci.low, "upper": ci.high})
    write("wilson.json", json.dumps(cases, indent=1) + "\n")

    ids = [f"meter-{i:05d}" for i in range(0, 2000, 97)] + ["", "Ω-device", "tracker:01:ff"]
    cohort = [{"id": d, "salt": s, "hash": str(fnv_fmix(d, s)), "bucket": (fnv_fmix(d, s) * 1_000_000) >> 64}
              for d in ids for s in ("1.4.0", "")]
    write("cohort.json", json.dumps(cohort, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
