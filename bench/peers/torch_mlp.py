#!/usr/bin/env python3
"""Peer benchmark: PyTorch (Debian python3-torch) training throughput for the
reference dense network used by the project's own training benchmark.

Protocol (keep the project's benchmark identical):
  inputs D=28 float32, standard-normal features, label = sum of first 3 features > 0
  network D -> H relu (x L hidden layers) -> 1 sigmoid, Glorot-uniform init
  Adam lr=1e-3, binary cross-entropy, shuffled mini-batches of B
  one warm-up epoch, then one timed epoch over N events
Prints one JSON line: {"peer":"pytorch", "samples_per_s": ..., ...}

Install the peer once: apt-get install -y python3-torch
Usage: peer_torch_mlp.py [--n 50000] [--hidden 300] [--layers 3] [--batch 128] [--threads 1]
"""
# Copied from the project's shared peer benchmark (shared/bench/peer_torch_mlp.py); keep the protocol identical.
import argparse, json, time
import torch

p = argparse.ArgumentParser()
p.add_argument("--n", type=int, default=50000)
p.add_argument("--features", type=int, default=28)
p.add_argument("--hidden", type=int, default=300)
p.add_argument("--layers", type=int, default=3)
p.add_argument("--batch", type=int, default=128)
p.add_argument("--threads", type=int, default=1)
a = p.parse_args()

torch.manual_seed(0)
torch.set_num_threads(a.threads)
x = torch.randn(a.n, a.features)
y = (x[:, :3].sum(1, keepdim=True) > 0).float()
layers, width = [], a.features
for _ in range(a.layers):
    layers += [torch.nn.Linear(width, a.hidden), torch.nn.ReLU()]
    width = a.hidden
layers += [torch.nn.Linear(width, 1)]
model = torch.nn.Sequential(*layers)
for m in model:
    if isinstance(m, torch.nn.Linear):
        torch.nn.init.xavier_uniform_(m.weight); torch.nn.init.zeros_(m.bias)
opt = torch.optim.Adam(model.parameters(), 1e-3)
loss_fn = torch.nn.BCEWithLogitsLoss()

def epoch():
    perm = torch.randperm(a.n)
    for i in range(0, a.n, a.batch):
        idx = perm[i:i + a.batch]
        opt.zero_grad()
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        opt.step()
    return loss.item()

epoch()
t0 = time.perf_counter()
last = epoch()
dt = time.perf_counter() - t0
params = sum(p.numel() for p in model.parameters())
print(json.dumps({"peer": "pytorch", "version": torch.__version__, "threads": a.threads,
                  "n": a.n, "batch": a.batch, "params": params, "seconds": round(dt, 4),
                  "samples_per_s": round(a.n / dt, 1), "last_loss": round(last, 4)}))
