#!/usr/bin/env python3
"""Peers of bench/search-suite.mjs: Optuna's TPE and a scikit-learn GP with EI in the manner of
scikit-optimize's gp_minimize, on the suite's functions (the same formulas as the .mjs file).

stdin: {"function", "dims", "seeds", "calls"} -> {"tpe": [[values per call] per seed], "skopt": [...]}
   or: {"check": {name: [points]}} -> {name: [f(point) ...]} (the formulas compared with the JS ones)
   or: {"mannWhitney": [[a, b] ...]} -> [two-sided p-value of scipy's Mann-Whitney U test ...]
Runs in Debian's python3 with python3-optuna and python3-sklearn.
"""
import json, math, sys, warnings
import numpy as np
import optuna
from scipy.optimize import minimize
from scipy.stats import mannwhitneyu, norm
from sklearn.exceptions import ConvergenceWarning
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, Matern, WhiteKernel

optuna.logging.set_verbosity(optuna.logging.WARNING)
warnings.filterwarnings('ignore', category=ConvergenceWarning)

H3_A = [[3.0, 10, 30], [0.1, 10, 35], [3.0, 10, 30], [0.1, 10, 35]]
H3_P = [[0.3689, 0.1170, 0.2673], [0.4699, 0.4387, 0.7470], [0.1091, 0.8732, 0.5547], [0.03815, 0.5743, 0.8828]]
H6_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
H6_P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
        [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]
ALPHA = [1.0, 1.2, 3.0, 3.2]
LOG_TARGETS = [-3, -1.5, -4, -2]
ACTIVATION_PENALTY = {'relu': 0, 'tanh': 0.3, 'sigmoid': 1}

def hartmann(A, P):
    return lambda x: -sum(ALPHA[i] * math.exp(-sum(A[i][j] * (x[j] - P[i][j]) ** 2 for j in range(len(x)))) for i in range(4))

def levy(x):
    w = [1 + (v - 1) / 4 for v in x]
    return (math.sin(math.pi * w[0]) ** 2 + sum((v - 1) ** 2 * (1 + 10 * math.sin(math.pi * v + 1) ** 2) for v in w[:-1])
            + (w[-1] - 1) ** 2 * (1 + math.sin(2 * math.pi * w[-1]) ** 2))

FUNCTIONS = {
    'branin': lambda p: (p[1] - 5.1 / (4 * math.pi ** 2) * p[0] ** 2 + 5 / math.pi * p[0] - 6) ** 2 + 10 * (1 - 1 / (8 * math.pi)) * math.cos(p[0]) + 10,
    'camel': lambda p: (4 - 2.1 * p[0] ** 2 + p[0] ** 4 / 3) * p[0] ** 2 + p[0] * p[1] + (-4 + 4 * p[1] ** 2) * p[1] ** 2,
    'goldsteinPrice': lambda p: math.log((1 + (p[0] + p[1] + 1) ** 2 * (19 - 14 * p[0] + 3 * p[0] ** 2 - 14 * p[1] + 6 * p[0] * p[1] + 3 * p[1] ** 2))
                                         * (30 + (2 * p[0] - 3 * p[1]) ** 2 * (18 - 32 * p[0] + 12 * p[0] ** 2 + 48 * p[1] - 36 * p[0] * p[1] + 27 * p[1] ** 2))),
    'hartmann3': hartmann(H3_A, H3_P),
    'hartmann6': hartmann(H6_A, H6_P),
    'rosenbrock4': lambda x: sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(len(x) - 1)),
    'ackley5': lambda x: -20 * math.exp(-0.2 * math.sqrt(sum(v * v for v in x) / len(x))) - math.exp(sum(math.cos(2 * math.pi * v) for v in x) / len(x)) + 20 + math.e,
    'rastrigin4': lambda x: 10 * len(x) + sum(v * v - 10 * math.cos(2 * math.pi * v) for v in x),
    'levy6': levy,
    'styblinskiTang8': lambda x: sum(v ** 4 - 16 * v * v + 5 * v for v in x) / 2,
    'dixonPrice10': lambda x: (x[0] - 1) ** 2 + sum((i + 2) * (2 * x[i + 1] ** 2 - x[i]) ** 2 for i in range(len(x) - 1)),
    'step5': lambda x: sum(math.floor(v + 0.5) ** 2 for v in x),
    'logScaled4': lambda x: sum((math.log10(v) - LOG_TARGETS[i]) ** 2 for i, v in enumerate(x)),
    'mixedNetwork': lambda p: ((p[0] - 3) ** 2 / 4 + (math.log2(p[1]) - 7) ** 2 / 9 + ACTIVATION_PENALTY[p[2]]
                               + (math.log10(p[3]) + 2.5) ** 2 + 4 * (p[4] - 0.1) ** 2),
}

def tpe_run(f, dims, seed, calls):
    values = []
    def objective(trial):
        point = []
        for i, d in enumerate(dims):
            if d['type'] == 'categorical':
                point.append(trial.suggest_categorical(f'x{i}', d['categories']))
            elif d['type'] == 'integer':
                point.append(trial.suggest_int(f'x{i}', d['low'], d['high'], log=d.get('prior') == 'log-uniform'))
            else:
                point.append(trial.suggest_float(f'x{i}', d['low'], d['high'], log=d.get('prior') == 'log-uniform'))
        values.append(f(point))
        return values[-1]
    optuna.create_study(sampler=optuna.samplers.TPESampler(seed=seed)).optimize(objective, n_trials=calls)
    return values

def to_point(u, dims):
    """A unit-cube point to the function's point (skopt's Space.inverse_transform: log scale, integers
    rounded; a categorical dimension as one coordinate whose range is cut into equal parts)."""
    point = []
    for v, d in zip(u, dims):
        v = min(1.0, max(0.0, float(v)))
        if d['type'] == 'categorical':
            point.append(d['categories'][min(len(d['categories']) - 1, int(v * len(d['categories'])))])
            continue
        lo, hi = d['low'], d['high']
        x = 10 ** (math.log10(lo) + v * (math.log10(hi) - math.log10(lo))) if d.get('prior') == 'log-uniform' else lo + v * (hi - lo)
        point.append(int(min(hi, max(lo, round(x)))) if d['type'] == 'integer' else x)
    return point

def skopt_run(f, dims, seed, calls, initial=10, candidates=10000, restarts=5):
    """gp_minimize's defaults: 10 random initial points, a Matern 5/2 ARD kernel times a constant plus
    noise, y normalised, EI (xi 0.01) over 10,000 random points then L-BFGS-B from the 5 best."""
    rng = np.random.default_rng(seed)
    d = len(dims)
    X, y = [], []
    for call in range(calls):
        if call < initial:
            u = rng.random(d)
        else:
            kernel = ConstantKernel(1.0, (0.01, 1000.0)) * Matern(length_scale=np.ones(d), length_scale_bounds=(0.01, 100.0), nu=2.5) + WhiteKernel(1e-5, (1e-10, 1e-1))
            gp = GaussianProcessRegressor(kernel=kernel, normalize_y=True, n_restarts_optimizer=2, random_state=int(rng.integers(1 << 31)))
            gp.fit(np.array(X), np.array(y))
            best = min(y)
            def neg_ei(points):
                mu, sigma = gp.predict(np.atleast_2d(points), return_std=True)
                sigma = np.maximum(sigma, 1e-12)
                z = (best - 0.01 - mu) / sigma
                return -((best - 0.01 - mu) * norm.cdf(z) + sigma * norm.pdf(z))
            pool = rng.random((candidates, d))
            scores = neg_ei(pool)
            u, u_score = pool[np.argmin(scores)], scores.min()
            for start in pool[np.argsort(scores)[:restarts]]:
                result = minimize(lambda p: neg_ei(p)[0], start, method='L-BFGS-B', bounds=[(0, 1)] * d)
                if result.fun < u_score:
                    u, u_score = result.x, result.fun
        X.append(list(u))
        y.append(f(to_point(u, dims)))
    return y

job = json.load(sys.stdin)
if 'mannWhitney' in job:
    # Samples that are all equal (every seed at the optimum) have no ranks to differ by: p = 1.
    print(json.dumps([1.0 if len(set(a) | set(b)) == 1 else float(mannwhitneyu(a, b, alternative='two-sided').pvalue) for a, b in job['mannWhitney']]))
elif 'check' in job:
    print(json.dumps({name: [FUNCTIONS[name](p) for p in points] for name, points in job['check'].items()}))
else:
    f = FUNCTIONS[job['function']]
    print(json.dumps({
        'tpe': [tpe_run(f, job['dims'], seed, job['calls']) for seed in job['seeds']],
        'skopt': [skopt_run(f, job['dims'], seed, job['calls']) for seed in job['seeds']],
    }))
