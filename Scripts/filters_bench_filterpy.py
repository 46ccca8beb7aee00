#!/usr/bin/env python3
"""Times filterpy's KalmanFilter on the benchmark's problem: constant velocity, 4 states, 2
measurements, predict + update per step (filterpy's update uses the Joseph form). Prints
nanoseconds per step (best of 5 runs of 20,000 steps) for the side-by-side figure in
Documentation/Benchmarks.md. Also reports process CPU time, since the machine is shared.

Run: pip install filterpy numpy && python3 Scripts/filters_bench_filterpy.py
"""
import time

import numpy as np
from filterpy.common import Q_continuous_white_noise
from filterpy.kalman import KalmanFilter
from scipy.linalg import block_diag


def make():
    kf = KalmanFilter(dim_x=4, dim_z=2)
    kf.x = np.array([500.0, 0.0, 200.0, 0.0])
    kf.P = np.diag([16.0, 100.0, 16.0, 100.0])
    kf.H = np.array([[1.0, 0, 0, 0], [0, 0, 1.0, 0]])
    kf.R = np.eye(2) * 16.0
    kf.F = block_diag(*[np.array([[1.0, 1.0], [0.0, 1.0]])] * 2)
    kf.Q = block_diag(*[Q_continuous_white_noise(2, 1.0, 0.5)] * 2)
    return kf


def main():
    zs = [np.array([500.0 + (i * 37) % 11, 200.0 - (i * 13) % 7]) for i in range(64)]
    n = 20_000
    best_wall = best_cpu = float("inf")
    for _ in range(5):
        kf = make()
        w0, c0 = time.perf_counter(), time.process_time()
        for i in range(n):
            kf.predict()
            kf.update(zs[i & 63])
        w1, c1 = time.perf_counter(), time.process_time()
        best_wall = min(best_wall, (w1 - w0) / n)
        best_cpu = min(best_cpu, (c1 - c0) / n)
    print(f"filterpy KalmanFilter CV 4x2 predict+update: wall {best_wall * 1e9:.0f} ns/step, cpu {best_cpu * 1e9:.0f} ns/step")


if __name__ == "__main__":
    main()
