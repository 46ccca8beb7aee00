#!/usr/bin/env python3
"""Writes a FieldOutbox directory with an independent implementation of the on-disk format
(as documented in Sources/FieldOutbox/FieldOutbox.docc/OnDiskFormat.md), using the PyPI `crc32c`
package for CRC-32C. The Swift tests open it and must recover exactly what manifest.txt lists.

It covers: acknowledgement floor, a single acknowledgement, eviction counters, three priority
classes with interleaved sequence numbers, two epochs, a torn final record, and a torn state slot.

Usage: pip install crc32c; Scripts/outbox-fixtures.py   (writes Tests/FieldOutboxTests/Fixtures/python-writer)
"""
import os
import random
import struct

import crc32c

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "FieldOutboxTests", "Fixtures", "python-writer")
PRODUCER = 9
CAPACITY = 4096


def segment_header(number, priority, epoch, first_sequence):
    body = struct.pack("<IHBBIIQIQ", 0x534F4B46, 1, 1, priority, number, epoch, first_sequence, CAPACITY, PRODUCER)
    body += bytes(60 - len(body))
    return body + struct.pack("<I", crc32c.crc32c(body))


def frame(salt, sequence, epoch, priority, payload):
    rest = struct.pack("<QIBBH", sequence, epoch, priority, 0, 0) + payload
    crc = crc32c.crc32c(struct.pack("<I", salt) + rest)
    return struct.pack("<II", len(payload), crc) + rest


def write_segment(number, priority, epoch, records, torn_tail=b""):
    header = segment_header(number, priority, epoch, records[0][0])
    salt = struct.unpack("<I", header[60:64])[0]
    data = header
    for sequence, payload in records:
        data += frame(salt, sequence, epoch, priority, payload)
    data += torn_tail
    data += bytes(CAPACITY - len(data))
    with open(os.path.join(OUT, "segment-%08x.fko" % number), "wb") as f:
        f.write(data)


def state_slot(generation, epoch, floors, evicted, singles):
    slot = bytearray(1024)
    struct.pack_into("<IHBBQQIHH", slot, 0, 0x544F4B46, 1, 2, len(floors), generation, PRODUCER, epoch, len(singles), 0)
    for c, (e, s) in enumerate(floors):
        struct.pack_into("<IQ", slot, 32 + 12 * c, e, s)
    for c, (records, nbytes) in enumerate(evicted):
        struct.pack_into("<QQ", slot, 128 + 16 * c, records, nbytes)
    for i, (e, s) in enumerate(singles):
        struct.pack_into("<IQ", slot, 256 + 12 * i, e, s)
    struct.pack_into("<I", slot, 1020, crc32c.crc32c(bytes(slot[:1020])))
    return bytes(slot)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        os.remove(os.path.join(OUT, name))
    rng = random.Random(20261122)

    def payload(n):
        return bytes(rng.randrange(256) for _ in range(n))

    # Epoch 2: sequences 0..5 spread over classes 0 and 2; epoch 3: one record in class 1.
    p = {s: payload(20 + 7 * s) for s in range(6)}
    p3 = payload(33)
    torn = frame(0x12345678, 6, 2, 0, payload(50))[:40]  # a frame cut short (and wrongly salted)
    write_segment(16, 0, 2, [(0, p[0]), (1, p[1]), (3, p[3]), (4, p[4])], torn_tail=torn)
    write_segment(17, 2, 2, [(2, p[2]), (5, p[5])])
    write_segment(18, 1, 3, [(0, p3)])

    # State: (2, 0) acknowledged by the class-0 floor, (2, 3) acknowledged singly, 7 records /
    # 700 bytes of class 0 evicted earlier. Slot 0 holds generation 5; slot 1 is torn garbage.
    slot0 = state_slot(5, 3, [(2, 1), (0, 0), (0, 0)], [(7, 700), (0, 0), (0, 0)], [(2, 3)])
    slot1 = bytes(rng.randrange(256) for _ in range(1024))
    with open(os.path.join(OUT, "outbox.state"), "wb") as f:
        f.write(slot0 + slot1)

    expected = [((2, 1), 0, p[1]), ((2, 2), 2, p[2]), ((2, 4), 0, p[4]), ((2, 5), 2, p[5]), ((3, 0), 1, p3)]
    with open(os.path.join(OUT, "manifest.txt"), "w") as f:
        f.write("# key priority payload-hex, in delivery order; then the epoch after opening and eviction counters\n")
        for (epoch, sequence), priority, data in expected:
            f.write("%d:%d:%d %d %s\n" % (PRODUCER, epoch, sequence, priority, data.hex()))
        f.write("epoch 4\n")
        f.write("evicted 7 700\n")


if __name__ == "__main__":
    main()
