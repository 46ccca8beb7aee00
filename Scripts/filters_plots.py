#!/usr/bin/env python3
"""Draws the figures of the FieldFilters "Choosing a filter" article into Documentation/.

The data are synthesised here (seeded), and filtered by the real `fieldkit filter` tool, so the
plots show what the library does:
  * filters-gps-track.png  raw GPS fixes with jumps, the Kalman filter without and with the
                           chi-square gate, and the RTS smoothed track (fieldkit filter kalman).
  * filters-fuel-alerts.png a sloshing fuel level: a single 10 % threshold (alert storm) against
                           hysteresis 10 % / 20 % with a 60 s debounce (fieldkit filter alarm).

Run: pip install numpy matplotlib; (cd Examples && swift build); python3 Scripts/filters_plots.py [fieldkit]
"""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
TOOL = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "Examples", ".build", "debug", "fieldkit")
DOCS = os.path.join(ROOT, "Documentation")
# DocC can only show images inside the catalog: the same files are copied there.
DOCC = os.path.join(ROOT, "Sources", "FieldFilters", "FieldFilters.docc", "Resources")


def fieldkit(args, text):
    p = subprocess.run([TOOL, "filter"] + args, input=text, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"fieldkit filter {' '.join(args)} failed: {p.stderr.strip()}")
    out = p.stdout
    return list(csv.DictReader(io.StringIO(out)))


def gps_figure(tmp):
    rng = np.random.default_rng(7)
    n = 150
    t = np.cumsum(rng.uniform(0.5, 1.5, n))
    t[60:] += 25.0  # a 25 s outage
    heading = np.cumsum(rng.normal(0, 0.03, n))
    speed = 8.0
    truth = np.zeros((n, 2))
    for k in range(1, n):
        dt = t[k] - t[k - 1]
        truth[k] = truth[k - 1] + speed * dt * np.array([np.cos(heading[k]), np.sin(heading[k])])
    z = truth + rng.normal(0, 4.0, (n, 2))
    jumps = rng.choice(np.arange(10, n - 5), 9, replace=False)
    z[jumps] += rng.choice([-1, 1], (9, 2)) * rng.uniform(20, 90, (9, 2))
    lines = ["t,z1,z2"] + [f"{float(t[k])!r},{float(z[k, 0])!r},{float(z[k, 1])!r}" for k in range(n)]
    model = {"q": 0.5, "q_kind": "continuous", "H": [[1, 0, 0, 0], [0, 0, 1, 0]], "R": [[16, 0], [0, 16]],
             "x0": [float(z[0, 0]), 0, float(z[0, 1]), 0], "P0": [[16, 0, 0, 0], [0, 100, 0, 0], [0, 0, 16, 0], [0, 0, 0, 100]]}
    runs = {}
    for name, gate in (("ungated", None), ("gated", 13.8155)):
        cfg = os.path.join(tmp, f"{name}.json")
        with open(cfg, "w") as f:
            json.dump(dict(model, **({"gate_chi2": gate} if gate else {})), f)
        runs[name] = fieldkit(["kalman", "--config", cfg, "--smooth"], "\n".join(lines) + "\n")

    def col(rows, a, b):
        return np.array([[float(r[a]), float(r[b])] for r in rows])

    def rmse(track):
        return float(np.sqrt(np.mean(np.sum((track - truth) ** 2, axis=1))))

    fig, ax = plt.subplots(figsize=(7.5, 5.2), dpi=90)
    ax.plot(truth[:, 0], truth[:, 1], color="0.6", lw=4, alpha=0.5, label="truth")
    ax.scatter(z[:, 0], z[:, 1], s=9, color="tab:red", alpha=0.6, label=f"raw fixes (RMSE {rmse(z):.1f} m)")
    ungated = col(runs["ungated"], "x1", "x3")
    gated = col(runs["gated"], "x1", "x3")
    smoothed = col(runs["gated"], "s1", "s3")
    ax.plot(ungated[:, 0], ungated[:, 1], color="tab:orange", lw=1, label=f"Kalman, no gate ({rmse(ungated):.1f} m)")
    ax.plot(gated[:, 0], gated[:, 1], color="tab:blue", lw=1.3, label=f"Kalman + chi-square gate ({rmse(gated):.1f} m)")
    ax.plot(smoothed[:, 0], smoothed[:, 1], color="tab:green", lw=1.6, label=f"gate + RTS smoother ({rmse(smoothed):.1f} m)")
    rejected = [k for k, r in enumerate(runs["gated"]) if r["status"] == "rejected"]
    ax.scatter(z[rejected, 0], z[rejected, 1], s=40, facecolors="none", edgecolors="k", label="rejected by the gate")
    ax.set_xlabel("east (m)")
    ax.set_ylabel("north (m)")
    ax.set_title("GPS track with jumps and a 25 s outage")
    ax.legend(fontsize=7.5, loc="best")
    ax.set_aspect("equal", adjustable="datalim")
    fig.tight_layout()
    fig.savefig(os.path.join(DOCS, "filters-gps-track.png"))
    plt.close(fig)


def fuel_figure():
    rng = np.random.default_rng(11)
    t = np.arange(0, 3600 * 3, 10.0)
    level = 22.0 - t / 3600 * 5.0
    level[t > 3600 * 2.4] += 50.0  # refuel
    raw = level + 3.0 * np.sin(t / 23.0) * rng.uniform(0.5, 1.0, len(t)) + rng.normal(0, 0.7, len(t))
    text = "t,value\n" + "".join(f"{float(a)!r},{float(b)!r}\n" for a, b in zip(t, raw))
    single = fieldkit(["alarm", "--activate", "10", "--deactivate", "10.000001"], text)
    stable = fieldkit(["alarm", "--activate", "10", "--deactivate", "20", "--min-duration", "60"], text)
    s_alarm = np.array([int(r["alarm"]) for r in single])
    h_alarm = np.array([int(r["alarm"]) for r in stable])
    s_events = int(np.sum(np.diff(s_alarm) == 1))
    h_events = int(np.sum(np.diff(h_alarm) == 1))
    fig, (a1, a2) = plt.subplots(2, 1, figsize=(7.5, 4.6), dpi=90, sharex=True,
                                 gridspec_kw={"height_ratios": [3, 1.4]})
    hours = t / 3600
    a1.plot(hours, raw, color="tab:gray", lw=0.8, label="fuel level (sloshing ±3 %)")
    a1.axhline(10, color="tab:red", ls="--", lw=0.8, label="alert at 10 %")
    a1.axhline(20, color="tab:green", ls="--", lw=0.8, label="clear at 20 %")
    a1.set_ylabel("%")
    a1.legend(fontsize=7.5, loc="upper right")
    a1.set_title("Low-fuel alert: single threshold vs hysteresis + debounce")
    a2.step(hours, s_alarm + 1.2, where="post", color="tab:red", lw=0.8, label=f"single threshold: {s_events} alerts")
    a2.step(hours, h_alarm, where="post", color="tab:blue", lw=1.2, label=f"hysteresis + 60 s debounce: {h_events} alert{'' if h_events == 1 else 's'}")
    a2.set_yticks([])
    a2.set_xlabel("hours")
    a2.legend(fontsize=7.5, loc="upper right")
    fig.tight_layout()
    fig.savefig(os.path.join(DOCS, "filters-fuel-alerts.png"))
    plt.close(fig)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        gps_figure(tmp)
    fuel_figure()
    os.makedirs(DOCC, exist_ok=True)
    for name in ("filters-gps-track.png", "filters-fuel-alerts.png"):
        shutil.copyfile(os.path.join(DOCS, name), os.path.join(DOCC, name))
    print("wrote", os.path.join(DOCS, "filters-gps-track.png"), "and filters-fuel-alerts.png")


if __name__ == "__main__":
    main()
