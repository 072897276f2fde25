#!/usr/bin/env python3
"""Peer for bench/search-quality.mjs: Optuna's TPE on the same test functions.

Reads {"function", "dims": [[low, high], ...], "seeds", "calls"} as JSON on stdin, prints one
JSON line {"best30": [...], "best60": [...]} (best value after 30 and after `calls` trials, per seed).
Runs in Debian's python3 with python3-optuna.
"""
import json, math, sys
import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)

def branin(x):
    a, b, c, r, s, t = 1, 5.1 / (4 * math.pi ** 2), 5 / math.pi, 6, 10, 1 / (8 * math.pi)
    return a * (x[1] - b * x[0] ** 2 + c * x[0] - r) ** 2 + s * (1 - t) * math.cos(x[0]) + s

H3_A = [[3.0, 10, 30], [0.1, 10, 35], [3.0, 10, 30], [0.1, 10, 35]]
H3_P = [[0.3689, 0.1170, 0.2673], [0.4699, 0.4387, 0.7470], [0.1091, 0.8732, 0.5547], [0.03815, 0.5743, 0.8828]]
H6_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
H6_P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
        [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]
ALPHA = [1.0, 1.2, 3.0, 3.2]

def hartmann(A, P):
    return lambda x: -sum(ALPHA[i] * math.exp(-sum(A[i][j] * (x[j] - P[i][j]) ** 2 for j in range(len(x)))) for i in range(4))

def camel(x):
    a, b = x
    return (4 - 2.1 * a * a + a ** 4 / 3) * a * a + a * b + (-4 + 4 * b * b) * b * b

FUNCTIONS = {'branin': branin, 'hartmann3': hartmann(H3_A, H3_P), 'hartmann6': hartmann(H6_A, H6_P), 'camel': camel}

job = json.load(sys.stdin)
f = FUNCTIONS[job['function']]
best30, best60 = [], []
for seed in job['seeds']:
    sampler = optuna.samplers.TPESampler(seed=seed)
    study = optuna.create_study(sampler=sampler)
    values = []
    def objective(trial):
        x = [trial.suggest_float(f'x{i}', lo, hi) for i, (lo, hi) in enumerate(job['dims'])]
        v = f(x)
        values.append(v)
        return v
    study.optimize(objective, n_trials=job['calls'])
    best30.append(min(values[:30]))
    best60.append(min(values))
print(json.dumps({'best30': best30, 'best60': best60}))
