#!/usr/bin/env bash
# Side-by-side latency of FieldML (fieldkit ml run, release, one thread) and LiteRT's reference
# kernels (OpResolverType.BUILTIN_REF, one thread) on the same models and inputs, in the same run.
# Each round runs LiteRT then FieldML on each model; the median of each side's per-round medians
# is reported, with the ratio FieldML / LiteRT (goal <= 1.0, stretch 0.5).
#
# Needs: python3 with ai-edge-litert and numpy (PYTHON=/path/to/venv/python), ../shared/tinyml
# (or MODELS=dir), and a release build of the fieldkit tool (built here if FIELDKIT is unset).
# Usage: Scripts/compare-ml.sh [rounds=5] [invocations-per-round=50]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
REPEAT=${2:-50}
PYTHON=${PYTHON:-python3}
MODELS=${MODELS:-../shared/tinyml/models}
if [ -z "${FIELDKIT:-}" ]; then
  # Fresh FieldKit objects: an incremental release build can keep stale cross-module-optimised code.
  BIN="$(swift build --package-path Examples -c release --show-bin-path)"
  rm -rf "$BIN"/Field*.build "$BIN"/fieldkit.build
  swift build --package-path Examples -c release --product fieldkit >/dev/null
  FIELDKIT="$BIN/fieldkit"
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$PYTHON" - "$MODELS" "$WORK" "$ROUNDS" "$REPEAT" "$FIELDKIT" "${COMPARE_MODELS:-kws_ref_model vww_96_int8 pretrainedResnet_quant ad01_int8}" <<'PY'
import os, re, statistics, subprocess, sys, time
import numpy as np
from ai_edge_litert.interpreter import Interpreter, OpResolverType

models_dir, work, rounds, repeat, fieldkit, names = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6].split()
rng = np.random.default_rng(1)
setup = {}
for name in names:
    path = os.path.join(models_dir, name + ".tflite")
    ref = Interpreter(model_path=path, experimental_op_resolver_type=OpResolverType.BUILTIN_REF, num_threads=1)
    ref.allocate_tensors()
    d = ref.get_input_details()[0]
    x = rng.integers(-128, 128, d["shape"]).astype(np.int8)
    ref.set_tensor(d["index"], x)
    inp = os.path.join(work, name + ".in")
    x.tofile(inp)
    setup[name] = (path, ref, inp)

def litert(ref):
    samples = []
    for _ in range(repeat):
        t = time.perf_counter_ns()
        ref.invoke()
        samples.append(time.perf_counter_ns() - t)
    return statistics.median(samples) / 1e6

def fieldml(path, inp):
    out = subprocess.run([fieldkit, "ml", "run", path, "--input", inp, "--output", os.path.join(work, "out"), "--repeat", str(repeat)],
                         check=True, capture_output=True, text=True).stdout
    m = re.search(r"median latency: ([0-9.]+) ms", out)
    return float(m.group(1))

results = {n: ([], []) for n in names}
for _ in range(rounds):
    for name in names:
        path, ref, inp = setup[name]
        results[name][0].append(litert(ref))
        results[name][1].append(fieldml(path, inp))

print("| model | LiteRT BUILTIN_REF (ms) | FieldML (ms) | ratio |")
print("|---|---:|---:|---:|")
for name in names:
    r = statistics.median(results[name][0]); f = statistics.median(results[name][1])
    print(f"| {name} | {r:.3f} | {f:.3f} | {f / r:.2f}x |")
PY
