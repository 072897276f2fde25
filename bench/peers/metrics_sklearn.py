#!/usr/bin/env python3
"""Peer for `hepml bench metrics`: ROC curve + AUC (scikit-learn) and two-sample KS (scipy) on
the events in a binary file written by the bench (float32 scores, int32 labels, float64 weights).
Prints one JSON line with the seconds of the computation alone (loading excluded)."""
import json, sys, time
import numpy as np
from sklearn.metrics import roc_curve, roc_auc_score
from scipy.stats import ks_2samp

path, n = sys.argv[1], int(sys.argv[2])
raw = open(path, 'rb').read()
scores = np.frombuffer(raw, dtype=np.float32, count=n)
labels = np.frombuffer(raw, dtype=np.int32, count=n, offset=4 * n)
weights = np.frombuffer(raw, dtype=np.float64, count=n, offset=8 * n)
t0 = time.perf_counter()
fpr, tpr, _ = roc_curve(labels, scores, sample_weight=weights)
auc = roc_auc_score(labels, scores, sample_weight=weights)
ks = ks_2samp(scores[labels == 1], scores[labels == 0])
seconds = time.perf_counter() - t0
print(json.dumps({'peer': 'sklearn+scipy', 'seconds': seconds, 'auc': float(auc), 'ks': float(ks.statistic), 'points': len(fpr)}))
