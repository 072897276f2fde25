#!/usr/bin/env python3
"""Peer for `hepml bench search`: scikit-learn GaussianProcessRegressor (Matern 5/2 ARD +
white noise, normalize_y, 2 optimizer restarts, as scikit-optimize configures it) fitted to n
observations in d dimensions, then predicting mean and std on 10,000 candidates."""
import json, sys, time
import numpy as np
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, Matern, WhiteKernel

n, d = int(sys.argv[1]), int(sys.argv[2])
rng = np.random.RandomState(1)
X = rng.rand(n, d)
y = ((X - 0.1 * np.arange(d)) ** 2).sum(1)
candidates = rng.rand(10000, d)
t0 = time.perf_counter()
kernel = ConstantKernel(1.0, (0.01, 1000.0)) * Matern(length_scale=np.ones(d), length_scale_bounds=(0.01, 100), nu=2.5) + WhiteKernel()
gp = GaussianProcessRegressor(kernel=kernel, normalize_y=True, n_restarts_optimizer=2, random_state=0).fit(X, y)
mean, std = gp.predict(candidates, return_std=True)
seconds = time.perf_counter() - t0
print(json.dumps({'peer': 'sklearn GaussianProcessRegressor', 'seconds': seconds}))
