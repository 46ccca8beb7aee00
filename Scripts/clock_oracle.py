#!/usr/bin/env python3
"""Independent oracle for FieldClock: a hybrid logical clock written from the pseudo-code of
Kulkarni, Demirbas et al., "Logical Physical Clocks" (2014), Figure 5, plus FieldClock's
documented additions (maximum forward offset, counter-overflow policy "fail", 48-bit physical
range) and its encodings (packed 48+16 bits, fixed-width text, binary with LEB128 node id).

It writes the fixtures under Tests/FieldClockTests/Fixtures/:

  replay-<scenario>.events.jsonl    input of `fieldkit clock replay`
  replay-<scenario>.expected.jsonl  what the oracle computes for it (the contract's line format)
  replay-<scenario>.args            the command-line arguments of that run
  encodings.jsonl                   timestamps with their packed, text and binary (hex) forms

Scenarios are simulated networks of nodes with skewed, drifting and jumping clocks, message
delays, and nodes offline for weeks that upload late. Deterministic for the seeds below.

Usage: python3 Scripts/clock_oracle.py  (from the repository root; standard library only)
"""
import json
import os
import random
import struct

MAX_PHYSICAL = (1 << 48) - 1
MAX_COUNTER = 0xFFFF
FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "FieldClockTests", "Fixtures")


class OracleError(Exception):
    pass


class Node:
    """One node's HLC state (l, c), following the paper's rules."""

    def __init__(self, node_id):
        self.node_id = node_id
        self.l = 0
        self.c = 0

    def send_or_local(self, pt):
        if pt > MAX_PHYSICAL:
            raise OracleError(f"physical time {pt} ms does not fit in 48 bits")
        l_old = self.l
        l_new = max(l_old, pt)
        if l_new == l_old:
            c_new = self.c + 1
        else:
            c_new = 0
        if c_new > MAX_COUNTER:
            raise OracleError(f"logical counter overflow: more than 65536 events in millisecond {l_old}")
        self.l, self.c = l_new, c_new
        return self.l, self.c

    def receive(self, pt, l_m, c_m, max_offset):
        if max_offset is not None and l_m > pt and l_m - pt > max_offset:
            raise OracleError(
                f"remote timestamp {l_m} ms is more than the maximum forward offset {max_offset} ms "
                f"ahead of local time {pt} ms")
        if pt > MAX_PHYSICAL:
            raise OracleError(f"physical time {pt} ms does not fit in 48 bits")
        l_old = self.l
        l_new = max(l_old, l_m, pt)
        if l_new == l_old and l_new == l_m:
            c_new = max(self.c, c_m) + 1
            holder = l_old
        elif l_new == l_old:
            c_new = self.c + 1
            holder = l_old
        elif l_new == l_m:
            c_new = c_m + 1
            holder = l_m
        else:
            c_new = 0
            holder = pt
        if c_new > MAX_COUNTER:
            raise OracleError(f"logical counter overflow: more than 65536 events in millisecond {holder}")
        self.l, self.c = l_new, c_new
        return self.l, self.c


def text_form(l, c, node_id):
    return f"{l:015d}-{c:05d}-{node_id:016x}"


def packed_form(l, c):
    return (l << 16) | c


def leb128(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def binary_form(l, c, node_id):
    return struct.pack(">Q", packed_form(l, c)) + leb128(node_id)


def dumps(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def replay(lines, max_offset):
    """Replays event lines; returns the output lines of the contract."""
    nodes = {}
    sent = {}
    out = []
    for raw in lines:
        event = json.loads(raw)
        name = event["node"]
        if name not in nodes:
            nodes[name] = Node(len(nodes))
        node = nodes[name]
        try:
            if event["op"] in ("local", "send"):
                l, c = node.send_or_local(event["pt"])
                if event["op"] == "send":
                    sent[event["id"]] = (l, c)
            else:
                if event["id"] not in sent:
                    raise OracleError(f"receive of unknown message id {event['id']}")
                l_m, c_m = sent[event["id"]]
                l, c = node.receive(event["pt"], l_m, c_m, max_offset)
        except OracleError as error:
            out.append(dumps({"error": str(error)}))
            continue
        out.append(dumps({"node": name, "l": l, "c": c, "packed": packed_form(l, c),
                          "text": text_form(l, c, node.node_id)}))
    return out


def simulate(seed, node_count, steps, skew_ms, offline_weeks, burst):
    """A network simulation; returns event lines in processing (true-time) order."""
    rng = random.Random(seed)
    names = [chr(ord("A") + i) for i in range(node_count)]
    true_time = 1_700_000_000_000
    skew = {n: rng.randint(-skew_ms, skew_ms) for n in names}
    offline_until = {n: 0 for n in names}
    pending = []  # (deliver_at_true_time, receiver, id)
    lines = []
    message_number = 0

    def physical(name):
        return max(0, true_time + skew[name])

    for _ in range(steps):
        # True time advances by 0..50 ms; bursts keep several events in the same millisecond.
        true_time += 0 if rng.random() < burst else rng.randint(1, 50)
        # Deliver due messages to online receivers.
        still = []
        for item in pending:
            deliver_at, receiver, ident = item
            if deliver_at <= true_time and offline_until[receiver] <= true_time:
                lines.append(dumps({"node": receiver, "pt": physical(receiver), "op": "receive", "id": ident}))
            else:
                still.append(item)
        pending = still
        name = rng.choice(names)
        roll = rng.random()
        if roll < 0.02:
            # NTP step or RTC reset: the clock jumps backward or forward.
            skew[name] += rng.choice([-1, 1]) * rng.randint(1_000, 3_600_000)
            continue
        if roll < 0.025 and offline_weeks:
            # The node goes offline for up to `offline_weeks` weeks; what it sends waits.
            offline_until[name] = true_time + rng.randint(1, offline_weeks * 7 * 86_400_000)
            continue
        if roll < 0.45:
            lines.append(dumps({"node": name, "pt": physical(name), "op": "local"}))
        else:
            message_number += 1
            ident = f"m{message_number}"
            lines.append(dumps({"node": name, "pt": physical(name), "op": "send", "id": ident}))
            receiver = rng.choice([n for n in names if n != name])
            delay = rng.randint(0, 2_000)
            # A message from an offline sender is uploaded when it comes back online.
            start = max(true_time, offline_until[name])
            pending.append((start + delay, receiver, ident))
        if offline_until[name] > true_time:
            # An offline node's own events still happen (it logs locally), they are just not heard.
            pass
    # Flush: everything eventually arrives.
    for deliver_at, receiver, ident in sorted(pending, key=lambda item: item[0]):
        true_time = max(true_time, deliver_at, offline_until[receiver])
        lines.append(dumps({"node": receiver, "pt": physical(receiver), "op": "receive", "id": ident}))
    return lines


SCENARIOS = [
    # name, seed, nodes, steps, skew (ms), offline weeks, burst probability, max forward offset
    ("paper", 1, 4, 400, 2_000, 0, 0.3, None),
    ("skewed-bounded", 2, 6, 500, 600_000, 0, 0.2, 60_000),
    ("offline-weeks", 3, 5, 500, 30_000, 4, 0.2, 3_600_000),
    ("tight-offset", 4, 3, 300, 5_000, 0, 0.4, 500),
]


def handmade():
    """Edge cases written by hand: backward jump, forward jump, rejected receive, 48-bit limit."""
    e = lambda **kw: dumps(kw)
    return [
        e(node="A", pt=1000, op="local"),
        e(node="A", pt=1000, op="local"),
        e(node="A", pt=400, op="send", id="x1"),  # clock jumped backward: l stays, c grows
        e(node="B", pt=10, op="receive", id="x1"),  # receiver far behind: past accepted
        e(node="B", pt=10, op="local"),
        e(node="A", pt=1001, op="local"),
        e(node="A", pt=5000, op="send", id="x2"),  # forward jump: l follows pt, c resets
        e(node="C", pt=5000, op="receive", id="x2"),
        e(node="C", pt=4999, op="receive", id="x2"),
        e(node="B", pt=900, op="receive", id="x2"),  # 4100 ms ahead with a 1000 ms limit: refused
        e(node="B", pt=4000, op="receive", id="x2"),  # now within the limit
        e(node="B", pt=3000, op="receive", id="nope"),  # unknown id
        e(node="D", pt=MAX_PHYSICAL, op="send", id="x3"),
        e(node="D", pt=MAX_PHYSICAL + 1, op="local"),  # beyond 48 bits: refused
        e(node="E", pt=MAX_PHYSICAL, op="receive", id="x3"),
    ]


def encodings(rng):
    rows = []
    specials = [(0, 0, 0), (MAX_PHYSICAL, MAX_COUNTER, (1 << 64) - 1), (1_700_000_000_000, 3, 7),
                (253_402_300_799_999, 65_535, 127), (253_402_300_800_000, 0, 128), (1, 1, 1 << 63)]
    for l, c, n in specials:
        rows.append((l, c, n))
    for _ in range(200):
        l = rng.choice([rng.randint(0, MAX_PHYSICAL), rng.randint(1_600_000_000_000, 1_800_000_000_000)])
        c = rng.choice([0, rng.randint(0, MAX_COUNTER), MAX_COUNTER])
        n = rng.choice([rng.randint(0, 127), rng.randint(0, (1 << 64) - 1), rng.randint(0, 1 << 20)])
        rows.append((l, c, n))
    return [dumps({"l": l, "c": c, "node": n, "packed": packed_form(l, c), "text": text_form(l, c, n),
                   "binary": binary_form(l, c, n).hex()}) for l, c, n in rows]


def write(name, lines):
    with open(os.path.join(FIXTURES, name), "w", encoding="utf-8") as handle:
        handle.write("".join(line + "\n" for line in lines))


def main():
    os.makedirs(FIXTURES, exist_ok=True)
    runs = [(name, simulate(seed, nodes, steps, skew, weeks, burst), offset)
            for name, seed, nodes, steps, skew, weeks, burst, offset in SCENARIOS]
    runs.append(("handmade", handmade(), 1000))
    for name, lines, offset in runs:
        write(f"replay-{name}.events.jsonl", lines)
        write(f"replay-{name}.expected.jsonl", replay(lines, offset))
        write(f"replay-{name}.args", [] if offset is None else [f"--max-forward-offset-ms {offset}"])
    write("encodings.jsonl", encodings(random.Random(5)))


if __name__ == "__main__":
    main()
