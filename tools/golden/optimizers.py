#!/usr/bin/env python3
"""Golden optimizer trajectories from real PyTorch, with per-step hyper-parameters.

Writes packages/optim/src/__tests__/fixtures/torch-optimizers.json.
Problem (float32): loss = mean((X @ W + b - Y)^2); X 8x3, Y 8x2, W 3x2, b 2 from torch.manual_seed(0).
Before step k: lr_k = base_lr * (1 + 0.5 sin k), momentum_k (SGD) / beta1_k (AdamW) = 0.9 - 0.05 cos k,
optionally a varying weight decay. steps[k] = hyper-parameters of step k, loss before step k,
W and b after step k.
Run from the repo root: /usr/bin/python3 tools/golden/optimizers.py
"""
import json
import math
import os

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "packages/optim/src/__tests__/fixtures/torch-optimizers.json")
STEPS = 25

torch.manual_seed(0)
X = torch.randn(8, 3)
Y = torch.randn(8, 2)
W0 = torch.randn(3, 2)
B0 = torch.randn(2)


def lr_at(base, k):
    return base * (1 + 0.5 * math.sin(k))


def mom_at(k):
    return 0.9 - 0.05 * math.cos(k)


def sgd(name, momentum, nesterov=False, wd=0.0, base_lr=0.05):
    options = dict(momentum=momentum, nesterov=nesterov, weightDecay=wd, decoupled=False, dampening=0)
    make = lambda params: torch.optim.SGD(params, lr=base_lr, momentum=momentum, nesterov=nesterov,
                                          weight_decay=wd, dampening=0)

    def hyper(k):  # momentum only varies when the case uses momentum at all
        return lr_at(base_lr, k), (mom_at(k) if momentum else 0.0), wd

    def apply(group, lr, mom, wd_k):
        group.update(lr=lr, momentum=mom, weight_decay=wd_k)
    return dict(name=name, optimizer="sgd", options=options, make=make, hyper=hyper, apply=apply)


def adamw(name, wd, vary_wd=False, base_lr=0.01, beta2=0.999, eps=1e-8):
    options = dict(beta2=beta2, epsilon=eps, weightDecay=wd)
    make = lambda params: torch.optim.AdamW(params, lr=base_lr, betas=(0.9, beta2), eps=eps, weight_decay=wd)

    def hyper(k):
        return lr_at(base_lr, k), mom_at(k), (wd * (1 + 0.3 * math.cos(k)) if vary_wd else wd)

    def apply(group, lr, mom, wd_k):
        group.update(lr=lr, betas=(mom, beta2), weight_decay=wd_k)
    return dict(name=name, optimizer="adamw", options=options, make=make, hyper=hyper, apply=apply)


def adam(name, base_lr=0.01, beta2=0.999, eps=1e-8):
    """torch.optim.Adam without weight decay: checks tfjs's own adam driven through hyperParams."""
    options = dict(beta2=beta2, epsilon=eps, weightDecay=0.0)
    make = lambda params: torch.optim.Adam(params, lr=base_lr, betas=(0.9, beta2), eps=eps)

    def hyper(k):
        return lr_at(base_lr, k), mom_at(k), 0.0

    def apply(group, lr, mom, wd_k):
        group.update(lr=lr, betas=(mom, beta2))
    return dict(name=name, optimizer="adam", options=options, make=make, hyper=hyper, apply=apply)


CASES = [
    sgd("sgd-momentum", momentum=0.9),
    sgd("sgd-nesterov", momentum=0.9, nesterov=True),
    sgd("sgd-momentum-l2", momentum=0.9, wd=0.01),
    sgd("sgd-nesterov-l2", momentum=0.9, nesterov=True, wd=0.01),
    sgd("sgd-plain", momentum=0.0),
    adamw("adamw-wd-0.01", wd=0.01),
    adamw("adamw-wd-0.1-varying", wd=0.1, vary_wd=True),
    adam("adam-varying-beta1"),
]


def run(case):
    W = torch.nn.Parameter(W0.clone())
    b = torch.nn.Parameter(B0.clone())
    opt = case["make"]([W, b])
    steps = []
    for k in range(STEPS):
        lr, mom, wd = case["hyper"](k)
        case["apply"](opt.param_groups[0], lr, mom, wd)
        opt.zero_grad()
        loss = ((X @ W + b - Y) ** 2).mean()
        loss.backward()
        opt.step()
        steps.append(dict(lr=lr, mom=mom, wd=wd, loss=loss.item(),
                          W=W.detach().tolist(), b=b.detach().tolist()))
    return dict(name=case["name"], optimizer=case["optimizer"], options=case["options"], steps=steps)


def main():
    cases = [run(c) for c in CASES]
    problem = dict(X=X.tolist(), Y=Y.tolist(), W0=W0.tolist(), b0=B0.tolist())
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(dict(generator="tools/golden/optimizers.py", torchVersion=torch.__version__,
                       problem=problem, cases=cases), f, indent=1)
        f.write("\n")
    losses = ", ".join(f"{c['name']} {c['steps'][0]['loss']:.4f}->{c['steps'][-1]['loss']:.4f}" for c in cases)
    print(f"torch {torch.__version__}: {len(cases)} optimizer cases x {STEPS} steps -> "
          f"{os.path.relpath(OUT, ROOT)} (loss {losses})")


if __name__ == "__main__":
    main()
