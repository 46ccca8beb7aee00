#!/usr/bin/env python3
"""End-to-end check of `fieldkit filter ...` against reference runs.

Builds trace CSVs and MODEL.json files from the fixtures in Tests/FieldFiltersTests/Fixtures (and
from ../shared/filters when present), runs the fieldkit binary, and compares every number to the
reference to 1e-9 absolute; also checks that malformed input fails with exit status 1 and a message
naming the line and field.

Usage: python3 Scripts/filters_cli_check.py [path/to/fieldkit]
       (default: Examples/.build/debug/fieldkit; build it with `cd Examples && swift build`)
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FIXTURES = os.path.join(ROOT, "Tests", "FieldFiltersTests", "Fixtures")
SHARED = os.path.join(ROOT, "..", "shared", "filters")
TOOL = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "Examples", ".build", "debug", "fieldkit")
failures = []


def run(args, stdin):
    p = subprocess.run([TOOL, "filter"] + args, input=stdin, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def rows(text):
    return list(csv.reader(io.StringIO(text)))


def close(a, b, tol=1e-9):
    return abs(float(a) - float(b)) <= tol


def check(label, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + label + (": " + detail if detail and not ok else ""))
    if not ok:
        failures.append(label)


def kalman_case(label, model, t, z, run_json, tmp):
    cfg = os.path.join(tmp, "model.json")
    with open(cfg, "w") as f:
        json.dump({k: model[k] for k in ("q", "q_kind", "H", "R", "x0", "P0", "gate_chi2") if k in model}, f)
    m = len(model["H"])
    lines = ["t," + ",".join(f"z{i + 1}" for i in range(m))]
    for tk, zk in zip(t, z):
        lines.append(repr(tk) + "," + (",".join(repr(v) for v in zk) if zk is not None else "," * (m - 1)))
    code, out, err = run(["kalman", "--config", cfg, "--smooth"], "\n".join(lines) + "\n")
    check(f"{label}: exit 0", code == 0, err)
    if code != 0:
        return
    table = rows(out)
    n = 2 * m
    check(f"{label}: header", table[0] == ["t", "status"] + [f"x{i + 1}" for i in range(n)] + [f"s{i + 1}" for i in range(n)])
    worst = 0.0
    statuses_ok = True
    for k, row in enumerate(table[1:]):
        step = run_json["filter"][k]
        statuses_ok &= row[1] == step["status"]
        worst = max([worst, abs(float(row[0]) - t[k])] + [abs(float(row[2 + i]) - step["x"][i]) for i in range(n)]
                    + [abs(float(row[2 + n + i]) - run_json["rts"][k]["x"][i]) for i in range(n)])
    check(f"{label}: {len(table) - 1} rows, statuses", statuses_ok and len(table) - 1 == len(t))
    check(f"{label}: filtered and smoothed states within 1e-9 (worst {worst:.3g})", worst <= 1e-9)


def series_case(label, args, t, x, expected, extra=None):
    text = "t,value\n" + "".join(f"{repr(a)},{repr(b)}\n" for a, b in zip(t, x))
    code, out, err = run(args, text)
    check(f"{label}: exit 0", code == 0, err)
    if code != 0:
        return
    table = rows(out)
    worst = max(abs(float(r[1]) - e) for r, e in zip(table[1:], expected))
    check(f"{label}: {len(table) - 1} values within 1e-9 (worst {worst:.3g})", worst <= 1e-9 and len(table) - 1 == len(t))
    if extra is not None:
        flags = [i for i, r in enumerate(table[1:]) if r[2] == "1"]
        check(f"{label}: outlier column", flags == extra, f"{flags} != {extra}")


def failure_case(label, args, stdin, must_contain, tmp_cfg=None):
    code, out, err = run(args, stdin)
    check(f"{label}: exit 1 with '{must_contain}'", code == 1 and must_contain in err, f"code {code}, stderr {err!r}")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("kf_cv3d_discrete_gated.json",):
            d = json.load(open(os.path.join(FIXTURES, name)))
            kalman_case(name, d["model"], d["t"], d["z"], d, tmp)
        s = json.load(open(os.path.join(FIXTURES, "smoothing.json")))
        t = [float(i) for i in range(len(s["x"]))]
        for c in s["hampel"]:
            series_case(f"hampel h={c['half_window']}", ["hampel", "--half-window", str(c["half_window"]),
                        "--sigmas", repr(c["sigmas"])], t, s["x"], c["y"], c["flagged"])
        for c in s["savgol"]:
            if c["scipy_error"] > 1e-10:
                continue
            series_case(f"savgol w={c['window']} p={c['order']} d={c['deriv']}",
                        ["savgol", "--window", str(c["window"]), "--order", str(c["order"]), "--deriv", str(c["deriv"]),
                         "--delta", repr(c["delta"])], t, s["x"], c["y"])
        e = json.load(open(os.path.join(FIXTURES, "one_euro.json")))
        for c in e["cases"]:
            p = c["params"]
            series_case(f"one-euro {p}", ["one-euro", "--freq", repr(p["freq"]), "--mincutoff", repr(p["mincutoff"]),
                        "--beta", repr(p["beta"]), "--dcutoff", repr(p["dcutoff"])], e["t"], e["x"], c["filtered"])
        if os.path.isdir(SHARED):
            g = json.load(open(os.path.join(SHARED, "gps2d.json")))
            for variant in ("ungated", "gated"):
                model = dict(g["model"])
                if variant == "ungated":
                    model.pop("gate_chi2")
                kalman_case(f"shared gps2d {variant}", model, g["t"], g["z"], g[variant], tmp)
            c = json.load(open(os.path.join(SHARED, "cv1d.json")))
            kalman_case("shared cv1d", c["model"], c["t"], c["z"], c, tmp)
            tj = json.load(open(os.path.join(SHARED, "temperature.json")))
            series_case("shared temperature savgol", ["savgol", "--window", "11", "--order", "2"], tj["t"], tj["z"], tj["savgol"])
            series_case("shared temperature savgol deriv", ["savgol", "--window", "11", "--order", "2", "--deriv", "1",
                        "--delta", "60"], tj["t"], tj["z"], tj["savgol_deriv1"])
            series_case("shared temperature hampel", ["hampel", "--half-window", "5", "--sigmas", "3"], tj["t"], tj["z"],
                        tj["hampel"]["y"], tj["hampel"]["flagged"])
            oe = json.load(open(os.path.join(SHARED, "one_euro.json")))
            p = oe["params"]
            series_case("shared one-euro", ["one-euro", "--freq", repr(p["freq"]), "--mincutoff", repr(p["mincutoff"]),
                        "--beta", repr(p["beta"]), "--dcutoff", repr(p["dcutoff"])], oe["t"], oe["x"], oe["filtered"])
        else:
            print("skip ../shared/filters absent")

        cfg = os.path.join(tmp, "bad.json")
        with open(cfg, "w") as f:
            json.dump({"q": 0.5, "q_kind": "sideways", "H": [[1, 0]], "R": [[1]], "x0": [0, 0], "P0": [[1, 0], [0, 1]]}, f)
        failure_case("bad q_kind", ["kalman", "--config", cfg], "t,z1\n0,1\n", "field 'q_kind'")
        with open(cfg, "w") as f:
            json.dump({"q": 0.5, "q_kind": "discrete", "H": [[1, 0]], "R": [[1]], "x0": [0], "P0": [[1, 0], [0, 1]]}, f)
        failure_case("short x0", ["kalman", "--config", cfg], "t,z1\n0,1\n", "field 'x0'")
        with open(cfg, "w") as f:
            json.dump({"q": 0.5, "q_kind": "discrete", "H": [[1, 0]], "R": [[1]], "x0": [0, 0], "P0": [[1, 0], [0, "x"]]}, f)
        failure_case("non-numeric P0", ["kalman", "--config", cfg], "t,z1\n0,1\n", "field 'P0[1][1]'")
        with open(cfg, "w") as f:
            f.write("{not json")
        failure_case("invalid JSON", ["kalman", "--config", cfg], "t,z1\n0,1\n", "not valid JSON")
        with open(cfg, "w") as f:
            json.dump({"q": 0.5, "q_kind": "discrete", "H": [[1, 0]], "R": [[1]], "x0": [0, 0], "P0": [[1, 0], [0, 1]]}, f)
        failure_case("bad number", ["kalman", "--config", cfg], "t,z1\n0,1\n1,abc\n", "line 3, field 'z1'")
        failure_case("bad time", ["kalman", "--config", cfg], "t,z1\n0,1\nx,2\n", "line 3, field 't'")
        failure_case("time backwards", ["kalman", "--config", cfg], "t,z1\n5,1\n4,2\n", "line 3, field 't'")
        failure_case("column count", ["kalman", "--config", cfg], "t,z1,z2\n0,1,2\n", "line 1")
        failure_case("field count", ["kalman", "--config", cfg], "t,z1\n0,1,2\n", "line 2")
        failure_case("header", ["hampel", "--half-window", "2"], "time,value\n0,1\n", "line 1, field 1")
        failure_case("empty value", ["savgol", "--window", "3", "--order", "1"], "t,value\n0,1\n1,\n2,3\n",
                     "line 3, field 'value'")
        failure_case("short series", ["savgol", "--window", "5", "--order", "1"], "t,value\n0,1\n1,2\n", "not enough samples")
        failure_case("even window", ["savgol", "--window", "4", "--order", "1"], "t,value\n0,1\n", "window")
    print(f"{len(failures)} failure(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
