#!/usr/bin/env python3
"""Generates the FieldDelta series test fixtures (Tests/FieldDeltaTests/Series/Fixtures/).

sensor.csv: a seeded, realistic decimal-origin sensor log (what a device prints): one row a minute
with a few gaps and a clock step, temperature with 2 decimals, humidity with 1, PM2.5 in whole
micrograms plus a few empty (missing) readings, battery voltage with 3 decimals.

sensor_expected.csv: the independent reference for each reading, computed by CPython: the IEEE-754
bits that float() gives for the text (correctly rounded parsing) and the number of decimals of
repr() (the shortest text that round-trips), i.e. the smallest power of ten the decimal codec
should find. Timestamps are given as epoch seconds computed by the datetime module.

Run from the repository root: python3 Scripts/delta_series_fixtures.py
"""
import csv
import datetime
import os
import random
import struct

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "FieldDeltaTests", "Series", "Fixtures")


def decimals_of(value: float) -> int:
    text = repr(value)
    if "e" in text or "E" in text:
        mantissa, exponent = text.lower().split("e")
        digits = len(mantissa.split(".")[1]) if "." in mantissa else 0
        return max(0, digits - int(exponent))
    if "." in text:
        fraction = text.split(".")[1].rstrip("0")
        return len(fraction)
    return 0


def main() -> None:
    rng = random.Random(20261122)
    os.makedirs(OUT, exist_ok=True)
    start = datetime.datetime(2026, 3, 1, 0, 0, 0, tzinfo=datetime.timezone.utc)
    rows = []
    t = start
    temperature, humidity, pm25, battery = 18.0, 55.0, 12.0, 4.100
    for i in range(2000):
        # Mostly one reading a minute; sometimes the device was offline, once the clock stepped back.
        if i % 397 == 396:
            t += datetime.timedelta(minutes=rng.randint(30, 600))
        elif i == 1500:
            t -= datetime.timedelta(seconds=42)
        else:
            t += datetime.timedelta(seconds=60)
        temperature += rng.gauss(0, 0.08)
        humidity = min(100.0, max(0.0, humidity + rng.gauss(0, 0.3)))
        pm25 = max(0.0, pm25 + rng.gauss(0, 1.5) + (25 if rng.random() < 0.01 else 0) - 0.02 * (pm25 - 12))
        battery -= rng.random() * 0.0004
        pm_text = "" if rng.random() < 0.005 else str(int(round(pm25)))
        rows.append([
            t.strftime("%Y-%m-%dT%H:%M:%SZ"),
            f"{temperature:.2f}",
            f"{humidity:.1f}",
            pm_text,
            f"{battery:.3f}",
        ])
    with open(os.path.join(OUT, "sensor.csv"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["time", "temperature_c", "humidity_pct", "pm2_5_ugm3", "battery_v"])
        writer.writerows(rows)
    with open(os.path.join(OUT, "sensor_expected.csv"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["epoch_seconds"] + [f"{name}_{kind}" for name in ("t", "h", "pm", "v") for kind in ("bits", "decimals")])
        for row in rows:
            epoch = int(datetime.datetime.strptime(row[0], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc).timestamp())
            out = [str(epoch)]
            for text in row[1:]:
                if text == "":
                    out += ["missing", "-"]
                    continue
                value = float(text)
                out += ["%016x" % struct.unpack("<Q", struct.pack("<d", value))[0], str(decimals_of(value))]
            writer.writerow(out)


if __name__ == "__main__":
    main()
