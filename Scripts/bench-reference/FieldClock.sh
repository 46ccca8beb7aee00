#!/usr/bin/env bash
# Reference figures for FieldClock, measured in the same run as the Benchmarks/ suite:
# hlcpy 0.0.2 (PyPI, a hybrid logical clock in Python: sync() is the send/local rule, merge() the
# receive rule; both read time.time_ns() themselves, which is included), and Python's heapq and
# set for the reorder buffer and the dedup window. Prints a markdown table.
set -euo pipefail
pip install -q hlcpy==0.0.2 >/dev/null 2>&1 || true
python3 - <<'PY'
import heapq, random, time
rows = []
def rate(label, what, n, fn):
    best = min(fn() for _ in range(3))
    rows.append((label, what, n / best))
try:
    import hlcpy
    clock = hlcpy.HLC.from_now()
    remote = hlcpy.HLC.from_now()
    def sync():
        t0 = time.perf_counter()
        for _ in range(200_000): clock.sync()
        return time.perf_counter() - t0
    def merge():
        t0 = time.perf_counter()
        for _ in range(200_000): clock.merge(remote)
        return time.perf_counter() - t0
    rate("hlcpy 0.0.2 `HLC.sync()` (send/local rule, includes its clock read)", "ns/op", 200_000, sync)
    rate("hlcpy 0.0.2 `HLC.merge()` (receive rule, includes its clock read)", "ns/op", 200_000, merge)
except ImportError:
    rows.append(("hlcpy not installable here", "-", 0))
rng = random.Random(12)
arrivals = [1_700_000_000_000 + i + rng.randint(-4000, 4000) for i in range(1 << 20)]
def reorder():
    heap = [(t, i) for i, t in enumerate(arrivals[:10_000])]; heapq.heapify(heap)
    max_seen = max(arrivals[:10_000]); t0 = time.perf_counter()
    for i in range(10_000, 1_010_000):
        t = arrivals[i & ((1 << 20) - 1)]
        if t > max_seen: max_seen = t
        heapq.heappush(heap, (t, i))
        if heap[0][0] < max_seen - 10_000: heapq.heappop(heap)
    return time.perf_counter() - t0
rate("Python `heapq`, 10,000 in flight", "events/s", 1_000_000, reorder)
keys = [rng.getrandbits(64) for _ in range(1 << 20)]
def dedup():
    seen = set(); ring = [0] * 65_536; used = 0; nxt = 0; t0 = time.perf_counter()
    for k in keys:
        if k in seen: continue
        seen.add(k)
        if used < 65_536: ring[used] = k; used += 1
        else: seen.discard(ring[nxt]); ring[nxt] = k; nxt = (nxt + 1) % 65_536
    return time.perf_counter() - t0
rate("Python `set` + ring, 65,536 keys", "checks/s", 1 << 20, dedup)
print("| reference (same machine, same run) | unit | figure |")
print("|---|---|---:|")
for label, what, r in rows:
    if what == "ns/op": print(f"| {label} | ns/op | {1e9 / r:.0f} |")
    elif what == "-": print(f"| {label} | - | - |")
    else: print(f"| {label} | {what} | {r / 1e6:.2f} M |")
PY
