#!/usr/bin/env bash
# Reference figures for FieldFilters on the benchmark's problem (constant velocity, 4 states,
# 2 measurements, predict + update, Double): filterpy's KalmanFilter, timed by
# Scripts/filters_bench_filterpy.py, and a hand-specialised C step (the project's own code below:
# sparse F, positions H, closed-form 2x2 inverse, Joseph form, gate) built with gcc -O2, timed
# best of 30 x 100,000 steps and, when valgrind is installed, counted in instructions per step
# (callgrind, 20,000 minus 10,000 steps) as the Swift step is. Prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")/../.."
pip install -q filterpy numpy scipy >/dev/null 2>&1 || true
line=$(python3 Scripts/filters_bench_filterpy.py)
wall=$(sed -n 's/.*wall \([0-9]*\) ns.*/\1/p' <<<"$line")
cpu=$(sed -n 's/.*cpu \([0-9]*\) ns.*/\1/p' <<<"$line")
echo "| reference (same run) | wall ns/step | CPU ns/step |"
echo "|---|---:|---:|"
echo "| filterpy 2.0.0 \`KalmanFilter\` CV 4x2 predict + update (best of 5 × 20,000) | $wall | $cpu |"

if command -v gcc >/dev/null; then
  dir=$(mktemp -d /tmp/fieldkit-filters-c.XXXXXX)
  trap 'rm -rf "$dir"' EXIT
  cat > "$dir/cv42.c" <<'C'
/* Hand-specialised constant-velocity 4-state / 2-measurement Kalman step (predict + Joseph-form
 * update, positions measured, full 2x2 R, chi-square gate), double precision. FieldKit reference. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct { double x[4]; double P[4][4]; double R[2][2]; double gate; } kf;

static int step(kf *f, double dt, double q, const double z[2]) {
    /* Predict: x = F x, P = F P F' + Q (continuous white noise, blocks on (0,1) and (2,3)). */
    f->x[0] += dt * f->x[1];
    f->x[2] += dt * f->x[3];
    for (int c = 0; c < 4; c++) { f->P[0][c] += dt * f->P[1][c]; f->P[2][c] += dt * f->P[3][c]; }
    for (int r = 0; r < 4; r++) { f->P[r][0] += dt * f->P[r][1]; f->P[r][2] += dt * f->P[r][3]; }
    double q00 = dt * dt * dt / 3 * q, q01 = dt * dt / 2 * q, q11 = dt * q;
    for (int a = 0; a < 4; a += 2) {
        f->P[a][a] += q00; f->P[a][a + 1] += q01; f->P[a + 1][a] += q01; f->P[a + 1][a + 1] += q11;
    }
    /* Update with H = [[1,0,0,0],[0,0,1,0]]. */
    double hp[2][4];
    for (int c = 0; c < 4; c++) { hp[0][c] = f->P[0][c]; hp[1][c] = f->P[2][c]; }
    double s00 = hp[0][0] + f->R[0][0], s01 = hp[0][2] + f->R[0][1];
    double s10 = hp[1][0] + f->R[1][0], s11 = hp[1][2] + f->R[1][1];
    double det = s00 * s11 - s01 * s10;
    if (!(s00 > 0) || !(det > 0)) return 2;
    double inv = 1 / det, i00 = s11 * inv, i01 = -s01 * inv, i10 = -s10 * inv, i11 = s00 * inv;
    double y0 = z[0] - f->x[0], y1 = z[1] - f->x[2];
    double d = y0 * (i00 * y0 + i01 * y1) + y1 * (i10 * y0 + i11 * y1);
    if (!(d <= f->gate)) return 1;
    double k[4][2];
    for (int r = 0; r < 4; r++) {
        k[r][0] = hp[0][r] * i00 + hp[1][r] * i10;
        k[r][1] = hp[0][r] * i01 + hp[1][r] * i11;
        f->x[r] += k[r][0] * y0 + k[r][1] * y1;
    }
    /* Joseph: B = P - K H P, C = B H' - K R, P = B - C K'. */
    double b[4][4], cm[4][2];
    for (int r = 0; r < 4; r++)
        for (int c = 0; c < 4; c++) b[r][c] = f->P[r][c] - k[r][0] * hp[0][c] - k[r][1] * hp[1][c];
    for (int r = 0; r < 4; r++) {
        cm[r][0] = b[r][0] - (k[r][0] * f->R[0][0] + k[r][1] * f->R[1][0]);
        cm[r][1] = b[r][2] - (k[r][0] * f->R[0][1] + k[r][1] * f->R[1][1]);
    }
    for (int r = 0; r < 4; r++)
        for (int c = 0; c < 4; c++) f->P[r][c] = b[r][c] - (cm[r][0] * k[c][0] + cm[r][1] * k[c][1]);
    return 0;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    int reps = argc > 2 ? atoi(argv[2]) : 1;
    double zs[64][2];
    for (int i = 0; i < 64; i++) { zs[i][0] = 500 + (i * 37) % 11; zs[i][1] = 200 - (i * 13) % 7; }
    double best = 1e30; int updated = 0; kf f;
    for (int rep = 0; rep < reps; rep++) {
        f = (kf){{500, 0, 200, 0}, {{16, 0, 0, 0}, {0, 100, 0, 0}, {0, 0, 16, 0}, {0, 0, 0, 100}},
                 {{16, 0}, {0, 16}}, 13.8155};
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (long i = 0; i < n; i++) updated += step(&f, 1.0, 0.5, zs[i & 63]) == 0;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double ns = ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / n;
        if (ns < best) best = ns;
    }
    printf("C CV 4x2 step: best %.1f ns/step over %d x %ld (updated %d, x0 %.6f)\n", best, reps, n, updated, f.x[0]);
    return 0;
}
C
  gcc -O2 -o "$dir/cv42" "$dir/cv42.c"
  ns=$("$dir/cv42" 100000 30 | sed -n 's/.*best \([0-9.]*\) ns.*/\1/p')
  instructions="-"
  if command -v valgrind >/dev/null; then
    count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$dir/cv42" "$1" 1 2>&1 | sed -n 's/.*Collected : //p'; }
    instructions=$(( ($(count 20000) - $(count 10000)) / 10000 ))
  fi
  echo "| hand-specialised C CV 4x2 step, gcc -O2 (best of 30 × 100,000; $instructions instructions/step) | $ns | - |"
fi
