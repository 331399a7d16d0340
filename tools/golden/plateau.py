#!/usr/bin/env python3
"""Golden ReduceLROnPlateau runs from real PyTorch.

Writes packages/callbacks/src/__tests__/fixtures/torch-plateau.json: for each case, the metric fed
to scheduler.step(metric) after each epoch and the lr the optimizer holds after that step.
Run from the repo root: /usr/bin/python3 tools/golden/plateau.py
"""
import json
import os

import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "packages/callbacks/src/__tests__/fixtures/torch-plateau.json")

# A validation loss that falls, stalls, wiggles, falls again and stalls for long.
LOSS = [1.0, 0.8, 0.7, 0.7, 0.71, 0.69995, 0.72, 0.6, 0.55, 0.55, 0.56, 0.57, 0.58, 0.59,
        0.6, 0.61, 0.62, 0.5499, 0.63, 0.64, 0.65, 0.66, 0.67, 0.68, 0.69, 0.7, 0.71, 0.72, 0.73, 0.74]
ACC = [0.5, 0.6, 0.65, 0.65, 0.64, 0.66, 0.66, 0.7, 0.7, 0.7, 0.69, 0.71, 0.71, 0.71, 0.72,
       0.72, 0.72, 0.72, 0.73]

CASES = [
    ("defaults", dict(), 0.1, LOSS),
    ("patience-2-factor-half", dict(patience=2, factor=0.5), 0.1, LOSS),
    ("patience-0", dict(patience=0, factor=0.5), 0.1, LOSS),
    ("abs-threshold", dict(patience=1, factor=0.5, threshold=0.01, threshold_mode="abs"), 0.1, LOSS),
    ("cooldown-2", dict(patience=1, factor=0.5, cooldown=2), 0.1, LOSS),
    ("min-lr-floor", dict(patience=1, factor=0.1, min_lr=0.002), 0.1, LOSS),
    ("eps-skips-tiny-drops", dict(patience=1, factor=0.5, eps=1e-3), 0.01, LOSS),
    ("max-mode-accuracy", dict(mode="max", patience=1, factor=0.5), 0.05, ACC),
]


def main():
    cases = []
    for name, kw, lr, metrics in CASES:
        opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=lr, momentum=0.9)
        sched = ReduceLROnPlateau(opt, **kw)
        lrs = []
        for m in metrics:
            sched.step(m)
            lrs.append(float(opt.param_groups[0]["lr"]))
        opts = dict(mode=kw.get("mode", "min"), factor=kw.get("factor", 0.1), patience=kw.get("patience", 10),
                    threshold=kw.get("threshold", 1e-4), thresholdMode=kw.get("threshold_mode", "rel"),
                    cooldown=kw.get("cooldown", 0), minLr=kw.get("min_lr", 0.0), eps=kw.get("eps", 1e-8))
        cases.append(dict(name=name, options=opts, lr=lr, metrics=metrics, lrs=lrs))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(dict(generator="tools/golden/plateau.py", torchVersion=torch.__version__, cases=cases), f, indent=1)
        f.write("\n")
    print(f"torch {torch.__version__}: wrote {len(cases)} ReduceLROnPlateau cases to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
