#!/usr/bin/env python3
"""Size table for FieldDelta series vs Gorilla, Chimp128 and zstd, measured in one run.

Usage: python3 Scripts/delta_series_results.py [CSV] [FIELDKIT]
  CSV       default ../shared/series/soiling_hsu_example_inputs.csv
  FIELDKIT  default Examples/.build/release/fieldkit (build: cd Examples && swift build -c release)

Needs the `zstd` command (Debian package zstd). FieldDelta, Gorilla and Chimp128 figures come from
`fieldkit series encode --codec ...` then `fieldkit series stats` (blocks of 1,024 rows). zstd -19 is
run on each value column as float64 little-endian binary and as CSV text, both over the whole column
and per block of 1,024 rows (what a device could do). Prints a Markdown table (bytes per point).
"""
import csv
import os
import struct
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
CSV = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "series", "soiling_hsu_example_inputs.csv")
FIELDKIT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "Examples", ".build", "release", "fieldkit")
BLOCK = 1024


def number(text: str) -> float:
    """A CSV field as float; empty (missing) as NaN."""
    return float(text) if text != "" else float("nan")


def zstd_size(data: bytes) -> int:
    return len(subprocess.run(["zstd", "-19", "-q", "-c"], input=data, check=True, capture_output=True).stdout)


def zstd_speed(header, data, names):
    """Runs zstd's benchmark mode on every value of the data set as 8-byte binary."""
    import re
    index = [header.index(name) for name in names]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "values.bin")
        with open(path, "wb") as f:
            for i, row in enumerate(data):
                f.write(struct.pack("<q", i))
                for k in index:
                    f.write(struct.pack("<d", number(row[k])))
        result = {}
        for level in (3, 19):
            out = subprocess.run(["zstd", f"-b{level}", "-i3", path], check=True, capture_output=True, text=True)
            text = (out.stdout + out.stderr).replace("\r", "\n")
            lines = [line for line in text.split("\n") if len(re.findall(r"MB/s", line)) == 2]
            speeds = re.findall(r"([0-9.]+) MB/s", lines[-1])
            result[level] = tuple(float(v) * 1e6 / 8 / 1e6 for v in speeds[:2])
        return result


def fieldkit_stats(codec: str, tmp: str):
    out = os.path.join(tmp, codec + ".fks")
    subprocess.run([FIELDKIT, "series", "encode", "--input", CSV, "--output", out, "--codec", codec], check=True, capture_output=True)
    text = subprocess.run([FIELDKIT, "series", "stats", out], check=True, capture_output=True, text=True).stdout
    lines = text.strip().split("\n")
    per_column = {}
    for line in lines[2:-1]:
        name, per_point, codecs = line.split("\t")
        per_column[name] = (float(per_point), codecs)
    overhead = float(lines[-1].split("\t")[1])
    return per_column, overhead, os.path.getsize(out)


def main() -> None:
    with open(CSV, newline="") as f:
        rows = list(csv.reader(f))
    header, data = rows[0], rows[1:]
    n = len(data)
    names = header[1:]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for codec in ("automatic", "gorilla", "chimp"):
            results[codec] = fieldkit_stats(codec, tmp)
    table = []
    table.append("| column | FieldDelta (codec chosen) | Gorilla | Chimp128 | zstd -19 whole column, float64 | zstd -19 whole column, text | zstd -19 per 1,024-row block, float64 | zstd -19 per block, text |")
    table.append("|---|---|---|---|---|---|---|---|")
    totals = {"zb": 0, "zt": 0, "bb": 0, "bt": 0}
    ts_name = header[0]
    for name in [ts_name] + names:
        ours = results["automatic"][0][name]
        gor = results["gorilla"][0][name][0]
        chi = results["chimp"][0][name][0]
        if name == ts_name:
            table.append(f"| {name} | {ours[0]:.3f} ({ours[1]}) | {gor:.3f} (same timestamp codec) | {chi:.3f} | | | | |")
            continue
        index = header.index(name)
        texts = [r[index] for r in data]
        binary = b"".join(struct.pack("<d", number(t)) for t in texts)
        text = ("\n".join(texts) + "\n").encode()
        zb = zstd_size(binary)
        zt = zstd_size(text)
        bb = sum(zstd_size(binary[i * 8:(i + BLOCK) * 8]) for i in range(0, n, BLOCK))
        bt = sum(zstd_size(("\n".join(texts[i:i + BLOCK]) + "\n").encode()) for i in range(0, n, BLOCK))
        for key, value in (("zb", zb), ("zt", zt), ("bb", bb), ("bt", bt)):
            totals[key] += value
        table.append(f"| {name} | {ours[0]:.3f} ({ours[1]}) | {gor:.3f} | {chi:.3f} | {zb / n:.3f} | {zt / n:.3f} | {bb / n:.3f} | {bt / n:.3f} |")
    ts_ours = results["automatic"][0][ts_name][0]
    whole = {codec: results[codec][2] / n for codec in results}
    table.append(
        f"| whole row (file size / rows; raw {8 * len(header)} B) | **{whole['automatic']:.3f}** | {whole['gorilla']:.3f} | {whole['chimp']:.3f} | "
        + " | ".join(f"{ts_ours + totals[k] / n:.3f}" for k in ("zb", "zt", "bb", "bt"))
        + " |"
    )
    speed = zstd_speed(header, data, names)
    print(f"{CSV}: {n} rows. Bytes per point; zstd rows add FieldDelta's timestamp column ({ts_ours:.3f} B/row).")
    print()
    print("\n".join(table))
    print()
    print("zstd speed on the same values as float64 little-endian (timestamps as int64), `zstd -b<level> -i3`, this machine:")
    print()
    print("| zstd level | compress (M values/s) | decompress (M values/s) |")
    print("|---|---|---|")
    for level, (compress, decompress) in speed.items():
        print(f"| {level} | {compress:.1f} | {decompress:.1f} |")


if __name__ == "__main__":
    main()
