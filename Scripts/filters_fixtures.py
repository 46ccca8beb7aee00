#!/usr/bin/env python3
"""Generates FieldFilters' own reference cases into Tests/FieldFiltersTests/Fixtures/.

Independent references:
  * filterpy 2.0.0   KalmanFilter (Joseph-form update), rts_smoother, ExtendedKalmanFilter,
                     UnscentedKalmanFilter + MerweScaledSigmaPoints, GHFilter,
                     Q_discrete_white_noise / Q_continuous_white_noise
  * scipy            savgol_filter(mode='interp'), chi2.ppf, lfilter (EMA)
  * OneEuroFilter    0.2.1 (the authors' package)
  * numpy            trailing moving average / median and the Hampel identifier
                     (numpy.median over truncated windows, MAD * 1.4826)
  * mpmath           Savitzky-Golay least squares in 60-digit arithmetic: scipy's 'interp' edges
                     use np.polyfit on raw positions, which loses ~1e-7 for orders >= 8, so the
                     high-precision result is stored beside scipy's ('y_exact', 'scipy_error')

Run:  pip install filterpy scipy numpy mpmath OneEuroFilter==0.2.1
      python3 Scripts/filters_fixtures.py
Every number is written with repr(), so it round-trips exactly. Seeds are fixed; rerunning
reproduces the same files byte for byte.
"""
import json
import math
import os

import mpmath
import numpy as np
from filterpy.common import Q_continuous_white_noise, Q_discrete_white_noise
from filterpy.gh import GHFilter
from filterpy.kalman import (ExtendedKalmanFilter, KalmanFilter, MerweScaledSigmaPoints,
                             UnscentedKalmanFilter, rts_smoother)
from OneEuroFilter import OneEuroFilter
from scipy.linalg import block_diag
from scipy.signal import lfilter, savgol_filter
from scipy.stats import chi2

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "FieldFiltersTests", "Fixtures")


def tolist(a):
    return np.asarray(a, dtype=float).tolist()


def write(name, obj):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")


def kinematic(order, axes, dt, q, q_kind):
    per_axis = order
    if order == 2:
        F1 = np.array([[1.0, dt], [0.0, 1.0]])
    else:
        F1 = np.array([[1.0, dt, dt * dt / 2], [0.0, 1.0, dt], [0.0, 0.0, 1.0]])
    if dt == 0:
        Q1 = np.zeros((per_axis, per_axis))
    elif q_kind == "discrete":
        Q1 = Q_discrete_white_noise(dim=per_axis, dt=dt, var=q)
    else:
        Q1 = Q_continuous_white_noise(dim=per_axis, dt=dt, spectral_density=q)
    return block_diag(*[F1] * axes), block_diag(*[Q1] * axes)


def kalman_case(name, rng, order, axes, n, q, q_kind, r, gate_probability, jumps, missing, dt_range):
    dim_x = order * axes
    H = np.zeros((axes, dim_x))
    for a in range(axes):
        H[a, a * order] = 1.0
    R = np.eye(axes) * r
    t = [0.0]
    for _ in range(n - 1):
        t.append(t[-1] + rng.uniform(*dt_range))
    # Truth: smooth motion with a little acceleration noise.
    truth = []
    pos = rng.uniform(-50, 50, axes)
    vel = rng.uniform(-3, 3, axes)
    for k in range(n):
        if k > 0:
            dt = t[k] - t[k - 1]
            acc = rng.normal(0, 0.3, axes)
            pos = pos + vel * dt + 0.5 * acc * dt * dt
            vel = vel + acc * dt
        truth.append(pos.copy())
    z = []
    for k in range(n):
        if k in missing:
            z.append(None)
            continue
        m = truth[k] + rng.normal(0, math.sqrt(r), axes)
        if k in jumps:
            m = m + rng.choice([-1, 1], axes) * rng.uniform(30, 80, axes)
        z.append(m)
    x0 = np.zeros(dim_x)
    for a in range(axes):
        x0[a * order] = z[0][a]
    P0 = np.diag([r if i % order == 0 else 25.0 for i in range(dim_x)])
    gate = float(chi2.ppf(gate_probability, axes)) if gate_probability else None

    kf = KalmanFilter(dim_x=dim_x, dim_z=axes)
    kf.x = x0.copy()
    kf.P = P0.copy()
    kf.H = H
    kf.R = R
    steps, Xs, Ps, Fs, Qs = [], [], [], [], []
    for k in range(n):
        dt = 0.0 if k == 0 else t[k] - t[k - 1]
        F, Q = kinematic(order, axes, dt, q, q_kind)
        kf.predict(F=F, Q=Q)
        step = {"dt": dt, "x_prior": tolist(kf.x), "P_prior": tolist(kf.P)}
        if z[k] is None:
            kf.update(None)
            step["status"] = "missing"
        else:
            y = z[k] - H @ kf.x
            S = H @ kf.P @ H.T + R
            d2 = float(y @ np.linalg.inv(S) @ y)
            step.update({"y": tolist(y), "S": tolist(S), "mahalanobis2": d2})
            if gate is not None and d2 > gate:
                step["status"] = "rejected"
            else:
                kf.update(z[k])
                step.update({"status": "updated", "K": tolist(kf.K), "log_likelihood": float(kf.log_likelihood)})
        step.update({"x": tolist(kf.x), "P": tolist(kf.P)})
        steps.append(step)
        Xs.append(kf.x.copy())
        Ps.append(kf.P.copy())
        Fs.append(F)
        Qs.append(Q)
    # filterpy's rts_smoother uses Fs[k], Qs[k] to predict step k+1 from step k: shift by one.
    xs, ps, _, _ = rts_smoother(np.array(Xs), np.array(Ps), Fs[1:] + [Fs[0]], Qs[1:] + [Qs[0]])
    model = {"q": q, "q_kind": q_kind, "order": "cv" if order == 2 else "ca", "H": tolist(H), "R": tolist(R),
             "x0": tolist(x0), "P0": tolist(P0)}
    if gate is not None:
        model["gate_chi2"] = gate
    write(name, {
        "description": f"filterpy KalmanFilter, {'CV' if order == 2 else 'CA'} x{axes} axes, {q_kind} Q={q}, R={r}, "
                       f"gate={gate_probability}, jumps={sorted(jumps)}, missing={sorted(missing)}",
        "model": model, "t": t, "z": [None if m is None else tolist(m) for m in z],
        "filter": steps, "rts": [{"x": tolist(x), "P": tolist(p)} for x, p in zip(xs, ps)],
    })


def radar_scenario(rng, n):
    t = [0.0]
    for _ in range(n - 1):
        t.append(t[-1] + rng.uniform(0.5, 1.5))
    x = np.array([400.0, -4.0, 150.0, 6.0])
    z = []
    for k in range(n):
        if k > 0:
            dt = t[k] - t[k - 1]
            x = np.array([x[0] + x[1] * dt, x[1], x[2] + x[3] * dt, x[3]])
        rng_ = math.hypot(x[0], x[2]) + rng.normal(0, 2.0)
        brg = math.atan2(x[2], x[0]) + rng.normal(0, 0.01)
        z.append(None if k in (7, 8, 23) else [rng_, brg])
    return t, z


def hx(x):
    return np.array([math.hypot(x[0], x[2]), math.atan2(x[2], x[0])])


def h_jacobian(x):
    r2 = x[0] ** 2 + x[2] ** 2
    r = math.sqrt(r2)
    return np.array([[x[0] / r, 0.0, x[2] / r, 0.0], [-x[2] / r2, 0.0, x[0] / r2, 0.0]])


def nonlinear_cases(rng):
    n = 40
    t, z = radar_scenario(rng, n)
    R = np.diag([4.0, 1e-4])
    x0 = np.array([z[0][0] * math.cos(z[0][1]), 0.0, z[0][0] * math.sin(z[0][1]), 0.0])
    P0 = np.diag([100.0, 25.0, 100.0, 25.0])
    q = 0.1
    common = {"q": q, "q_kind": "continuous", "R": tolist(R), "x0": tolist(x0), "P0": tolist(P0), "t": t, "z": z}

    ekf = ExtendedKalmanFilter(dim_x=4, dim_z=2)
    ekf.x = x0.copy()
    ekf.P = P0.copy()
    ekf.R = R
    steps = []
    for k in range(n):
        dt = 0.0 if k == 0 else t[k] - t[k - 1]
        ekf.F, ekf.Q = kinematic(2, 2, dt, q, "continuous")
        ekf.predict()
        step = {"x_prior": tolist(ekf.x), "P_prior": tolist(ekf.P)}
        if z[k] is None:
            step["status"] = "missing"
        else:
            ekf.update(np.array(z[k]), h_jacobian, hx)
            step["status"] = "updated"
        step.update({"x": tolist(ekf.x), "P": tolist(ekf.P)})
        steps.append(step)
    write("ekf_radar.json", dict(common, description="filterpy ExtendedKalmanFilter: CV target, range/bearing radar "
                                 "at the origin, continuous Q", steps=steps))

    alpha, beta, kappa = 0.3, 2.0, -1.0
    points = MerweScaledSigmaPoints(4, alpha=alpha, beta=beta, kappa=kappa)

    def fx(x, dt):
        F, _ = kinematic(2, 2, dt, q, "continuous")
        return F @ x

    ukf = UnscentedKalmanFilter(dim_x=4, dim_z=2, dt=1.0, hx=hx, fx=fx, points=points)
    ukf.x = x0.copy()
    ukf.P = P0.copy()
    ukf.R = R
    steps = []
    for k in range(n):
        dt = 0.0 if k == 0 else t[k] - t[k - 1]
        _, ukf.Q = kinematic(2, 2, dt, q, "continuous")
        ukf.predict(dt=dt)
        step = {"x_prior": tolist(ukf.x), "P_prior": tolist(ukf.P)}
        if z[k] is None:
            ukf.update(None)
            step["status"] = "missing"
        else:
            ukf.update(np.array(z[k]))
            step.update({"status": "updated", "log_likelihood": float(ukf.log_likelihood)})
        step.update({"x": tolist(ukf.x), "P": tolist(ukf.P)})
        steps.append(step)
    write("ukf_radar.json", dict(common, description="filterpy UnscentedKalmanFilter with MerweScaledSigmaPoints"
                                 f"(alpha={alpha}, beta={beta}, kappa={kappa}): CV target, range/bearing radar",
                                 alpha=alpha, beta=beta, kappa=kappa, steps=steps))


def savgol_exact(x, window, order, deriv, delta):
    """Savitzky-Golay with scipy's 'interp' edges, in 60-digit arithmetic (normal equations)."""
    mpmath.mp.dps = 60
    n, h = len(x), window // 2
    a = mpmath.matrix(window, order + 1)
    for j in range(window):
        for i in range(order + 1):
            a[j, i] = mpmath.mpf(j - h) ** i
    pinv = mpmath.inverse(a.T * a) * a.T

    def weights(offset):
        u = mpmath.mpf(offset - h)
        g = [mpmath.mpf(0)] * (order + 1)
        for i in range(deriv, order + 1):
            f = mpmath.mpf(1)
            for k in range(deriv):
                f *= i - k
            g[i] = f * u ** (i - deriv)
        scale = mpmath.mpf(delta) ** deriv
        return [sum(g[i] * pinv[i, j] for i in range(order + 1)) / scale for j in range(window)]

    table = [weights(o) for o in range(window)]
    out = []
    for i in range(n):
        if i < h:
            start, w = 0, table[i]
        elif i >= n - h:
            start = n - window
            w = table[i - start]
        else:
            start, w = i - h, table[h]
        out.append(float(sum(w[j] * mpmath.mpf(x[start + j]) for j in range(window))))
    return out


def smoothing_cases(rng):
    n = 120
    x = np.cumsum(rng.normal(0, 0.2, n)) + 10 * np.sin(np.arange(n) / 15.0)
    spikes = [9, 40, 41, 77, 118]
    for i in spikes:
        x[i] += rng.choice([-1, 1]) * rng.uniform(8, 15)
    series = tolist(x)

    savgol = []
    for (w, p, d, delta) in [(5, 2, 0, 1.0), (7, 3, 1, 1.0), (9, 4, 2, 0.5), (21, 6, 0, 1.0), (15, 5, 3, 2.0),
                             (11, 2, 1, 60.0), (31, 8, 0, 1.0), (3, 0, 0, 1.0), (7, 6, 0, 1.0), (5, 1, 2, 1.0),
                             (1, 0, 0, 1.0), (41, 10, 1, 0.1)]:
        y = savgol_filter(x, w, p, deriv=d, delta=delta, mode="interp")
        exact = savgol_exact(tolist(x), w, p, d, delta)
        scipy_error = float(np.max(np.abs(y - np.array(exact))))
        savgol.append({"window": w, "order": p, "deriv": d, "delta": delta, "y": tolist(y), "y_exact": exact,
                       "scipy_error": scipy_error})

    hampel = []
    for (h, k) in [(3, 3.0), (5, 2.0), (8, 3.5)]:
        y = x.copy()
        flagged = []
        for i in range(n):
            win = x[max(0, i - h): i + h + 1]
            med = np.median(win)
            mad = np.median(np.abs(win - med))
            if abs(x[i] - med) > k * 1.4826 * mad:
                y[i] = med
                flagged.append(i)
        hampel.append({"half_window": h, "sigmas": k, "y": tolist(y), "flagged": flagged})

    moving = []
    for w in (1, 4, 9):
        c = np.cumsum(np.insert(x, 0, 0.0))
        sma = [(c[i + 1] - c[max(0, i + 1 - w)]) / min(i + 1, w) for i in range(n)]
        med = [float(np.median(x[max(0, i + 1 - w): i + 1])) for i in range(n)]
        moving.append({"window": w, "sma": tolist(sma), "median": med})

    ema = []
    for a in (0.05, 0.3, 1.0):
        y, _ = lfilter([a], [1.0, -(1.0 - a)], x, zi=[(1.0 - a) * x[0]])
        ema.append({"alpha": a, "y": tolist(y)})

    gh = []
    for (g, h, dt) in [(0.5, 0.1, 1.0), (0.2, 0.02, 0.25)]:
        f = GHFilter(x=x[0], dx=0.0, dt=dt, g=g, h=h)
        out = []
        for v in x[1:]:
            est, _ = f.update(v)
            out.append(float(est))
        gh.append({"g": g, "h": h, "dt": dt, "x0": float(x[0]), "y": out})

    write("smoothing.json", {"description": "random walk + sine with spikes: scipy savgol_filter(mode='interp'), "
                             "numpy Hampel/SMA/median (truncated windows), scipy lfilter EMA, filterpy GHFilter",
                             "x": series, "spikes": spikes, "savgol": savgol, "hampel": hampel, "moving": moving,
                             "ema": ema, "alpha_beta": gh})

    # 1€ with irregular timestamps, a repeated timestamp (rate kept) and several parameter sets.
    t = [1.0]
    for _ in range(99):
        t.append(t[-1] + (0.0 if rng.uniform() < 0.05 else rng.uniform(0.005, 0.05)))
    signal = tolist(np.sin(np.array(t) * 3.0) + rng.normal(0, 0.05, 100))
    cases = []
    for (freq, mincutoff, beta, dcutoff) in [(60.0, 1.0, 0.0, 1.0), (30.0, 0.5, 0.7, 2.0), (120.0, 3.0, 0.01, 0.5)]:
        f = OneEuroFilter(freq, mincutoff=mincutoff, beta=beta, dcutoff=dcutoff)
        cases.append({"params": {"freq": freq, "mincutoff": mincutoff, "beta": beta, "dcutoff": dcutoff},
                      "filtered": [float(f(v, ts)) for v, ts in zip(signal, t)]})
    write("one_euro.json", {"description": "OneEuroFilter 0.2.1, irregular timestamps from 1.0 with repeats",
                            "t": t, "x": signal, "cases": cases})


def chi_square_cases():
    quantiles = []
    for k in (1, 2, 3, 4, 5, 6, 8, 12, 30, 100, 200):
        for p in (0.01, 0.5, 0.9, 0.95, 0.99, 0.999, 0.9999):
            quantiles.append({"k": k, "p": p, "x": float(chi2.ppf(p, k))})
    cdf = []
    for k in (1, 2, 3, 7, 50):
        for x in (0.0, 0.1, 1.0, 2.5, 7.0, 13.8155, 40.0, 120.0):
            cdf.append({"k": k, "x": x, "p": float(chi2.cdf(x, k))})
    write("chi_square.json", {"description": "scipy.stats.chi2.ppf and chi2.cdf", "quantiles": quantiles, "cdf": cdf})


def main():
    rng = np.random.default_rng(20261122)
    kalman_case("kf_ca1d_continuous.json", rng, order=3, axes=1, n=50, q=0.2, q_kind="continuous", r=9.0,
                gate_probability=None, jumps=set(), missing={5, 6, 30}, dt_range=(0.2, 2.5))
    kalman_case("kf_cv3d_discrete_gated.json", rng, order=2, axes=3, n=50, q=0.05, q_kind="discrete", r=4.0,
                gate_probability=0.999, jumps={12, 33, 34}, missing={20}, dt_range=(0.5, 1.5))
    kalman_case("kf_ca2d_discrete.json", rng, order=3, axes=2, n=30, q=0.01, q_kind="discrete", r=1.0,
                gate_probability=0.99, jumps={17}, missing={3}, dt_range=(0.1, 0.4))
    nonlinear_cases(rng)
    smoothing_cases(rng)
    chi_square_cases()


if __name__ == "__main__":
    main()
