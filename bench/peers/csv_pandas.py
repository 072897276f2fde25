#!/usr/bin/env python3
"""Peer for `hepml bench data`: pandas.read_csv of a CSV file; prints the seconds and rows."""
import json, sys, time
import pandas as pd

t0 = time.perf_counter()
frame = pd.read_csv(sys.argv[1])
seconds = time.perf_counter() - t0
print(json.dumps({'peer': 'pandas', 'version': pd.__version__, 'seconds': seconds, 'rows': len(frame)}))
