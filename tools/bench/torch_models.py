#!/usr/bin/env python3
"""PyTorch samples/s of the models backends.bench.mjs times in TensorFlow.js, for its ratios.

Same architectures as the cli's zoo (the demo's 784-256-128-10 MLP with batch norm, LeNet-5 on
28x28, ResNet-8 with option-A shortcuts on 32x32), same batch, random data; one train step is
forward, cross-entropy, backward and SGD with momentum 0.9; inference runs under no_grad in eval
mode. One thread, like tfjs-backend-wasm in Node. Prints one JSON line:
{"version": ..., "mlp": {"train": samples/s, "infer": samples/s}, "lenet": ..., "resnet8": ...}

    /usr/bin/python3 tools/bench/torch_models.py [batch]
"""
import json
import statistics
import sys
import time

import torch
from torch import nn
import torch.nn.functional as F


def mlp():
    return nn.Sequential(
        nn.Linear(784, 256, bias=False), nn.BatchNorm1d(256), nn.ReLU(),
        nn.Linear(256, 128, bias=False), nn.BatchNorm1d(128), nn.ReLU(),
        nn.Linear(128, 10))


def lenet():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


class Block(nn.Module):
    """He et al. (2016) basic block; option A: subsample by the stride and zero-pad channels."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.b1 = nn.BatchNorm2d(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.b2 = nn.BatchNorm2d(cout)
        self.stride = stride
        self.extra = cout - cin

    def forward(self, x):
        y = self.b2(self.c2(F.relu(self.b1(self.c1(x)))))
        s = x
        if self.stride != 1 or self.extra:
            s = x[:, :, ::self.stride, ::self.stride]
            s = F.pad(s, (0, 0, 0, 0, self.extra // 2, self.extra - self.extra // 2))
        return F.relu(y + s)


def resnet8():
    return nn.Sequential(
        nn.Conv2d(3, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU(),
        Block(16, 16, 1), Block(16, 32, 2), Block(32, 64, 2),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10))


def rate(step, batch, min_s):
    step()
    rounds = []
    for _ in range(3):
        n, t0 = 0, time.perf_counter()
        while True:
            step()
            n += 1
            if time.perf_counter() - t0 >= min_s:
                break
        rounds.append(n * batch / (time.perf_counter() - t0))
    return statistics.median(rounds)


def measure(model, shape, batch):
    torch.manual_seed(0)
    x = torch.randn(batch, *shape)
    y = torch.randint(0, 10, (batch,))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def train():
        model.train()
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        loss.item()

    def infer():
        model.eval()
        with torch.no_grad():
            model(x).sum().item()

    return {"train": rate(train, batch, 0.8), "infer": rate(infer, batch, 0.4)}


def main():
    batch = int(sys.argv[1]) if len(sys.argv) > 1 else 64
    torch.set_num_threads(1)
    out = {"version": torch.__version__.split("+")[0]}
    out["mlp"] = measure(mlp(), (784,), batch)
    out["lenet"] = measure(lenet(), (1, 28, 28), batch)
    out["resnet8"] = measure(resnet8(), (3, 32, 32), batch)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
