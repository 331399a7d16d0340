#!/usr/bin/env python3
"""Golden LR/momentum schedules from real PyTorch.

Writes packages/core-schedules/src/__tests__/fixtures/torch-schedules.json.
lr[k] / mom[k] are the param_group values after k calls of scheduler.step()
(index 0 = right after constructing the scheduler).
Run from the repo root: /usr/bin/python3 tools/golden/schedules.py
"""
import json
import os
import warnings

import torch
from torch.optim.lr_scheduler import (CosineAnnealingLR, CosineAnnealingWarmRestarts, CyclicLR,
                                      ExponentialLR, LambdaLR, LinearLR, MultiStepLR, OneCycleLR,
                                      PolynomialLR, StepLR)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "packages/core-schedules/src/__tests__/fixtures/torch-schedules.json")

# We never call optimizer.step(); torch warns about the call order, which is irrelevant here.
warnings.filterwarnings("ignore", message=".*lr_scheduler.step.*")


def one_cycle(name, maxLr=0.1, totalSteps=100, pctStart=0.3, annealStrategy="cos",
              cycleMomentum=True, baseMomentum=0.85, maxMomentum=0.95,
              divFactor=25.0, finalDivFactor=1e4, threePhase=False):
    spec = dict(kind="torchOneCycle", maxLr=maxLr, totalSteps=totalSteps, pctStart=pctStart,
                annealStrategy=annealStrategy, cycleMomentum=cycleMomentum,
                baseMomentum=baseMomentum, maxMomentum=maxMomentum, divFactor=divFactor,
                finalDivFactor=finalDivFactor, threePhase=threePhase)
    make = lambda opt: OneCycleLR(
        opt, max_lr=maxLr, total_steps=totalSteps, pct_start=pctStart,
        anneal_strategy=annealStrategy, cycle_momentum=cycleMomentum,
        base_momentum=baseMomentum, max_momentum=maxMomentum, div_factor=divFactor,
        final_div_factor=finalDivFactor, three_phase=threePhase)
    return name, spec, make, totalSteps, cycleMomentum


def cyclic(name, steps, baseLr=0.001, maxLr=0.01, stepSizeUp=20, stepSizeDown=None,
           mode="triangular", gamma=1.0, cycleMomentum=True, baseMomentum=0.8, maxMomentum=0.9):
    spec = dict(kind="torchCyclic", baseLr=baseLr, maxLr=maxLr, stepSizeUp=stepSizeUp)
    if stepSizeDown is not None:
        spec["stepSizeDown"] = stepSizeDown
    spec.update(mode=mode, gamma=gamma, cycleMomentum=cycleMomentum,
                baseMomentum=baseMomentum, maxMomentum=maxMomentum)
    torch_mode = {"expRange": "exp_range"}.get(mode, mode)
    make = lambda opt: CyclicLR(
        opt, base_lr=baseLr, max_lr=maxLr, step_size_up=stepSizeUp, step_size_down=stepSizeDown,
        mode=torch_mode, gamma=gamma, cycle_momentum=cycleMomentum,
        base_momentum=baseMomentum, max_momentum=maxMomentum)
    return name, spec, make, steps, cycleMomentum


def warm_restarts(name, steps, baseLr=0.1, t0=10, tMult=1, etaMin=0.0):
    spec = dict(kind="torchCosineWarmRestarts", baseLr=baseLr, t0=t0, tMult=tMult, etaMin=etaMin)
    make = lambda opt: CosineAnnealingWarmRestarts(opt, T_0=t0, T_mult=tMult, eta_min=etaMin)
    # lr is not cycled by this scheduler; momentum stays at the optimizer's 0.9, so record null.
    return name, spec, make, steps, False


def multi_step(name, steps, lr=0.1, milestones=(10, 25, 40), gamma=0.1):
    spec = dict(kind="multiStep", lr=lr, milestones=list(milestones), gamma=gamma)
    make = lambda opt: MultiStepLR(opt, milestones=list(milestones), gamma=gamma)
    # momentum is not scheduled: record null.
    return name, spec, make, steps, False


def exponential(name, steps, lr=0.1, gamma=0.97):
    spec = dict(kind="exponential", lr=lr, gamma=gamma)
    make = lambda opt: ExponentialLR(opt, gamma=gamma)
    return name, spec, make, steps, False


def step_lr(name, steps, lr=0.1, stepSize=7, gamma=0.1):
    spec = dict(kind="torchStep", lr=lr, stepSize=stepSize, gamma=gamma)
    make = lambda opt: StepLR(opt, step_size=stepSize, gamma=gamma)
    return name, spec, make, steps, False


def cosine_annealing(name, steps, lr=0.1, tMax=30, etaMin=0.0):
    spec = dict(kind="torchCosineAnnealing", lr=lr, tMax=tMax, etaMin=etaMin)
    make = lambda opt: CosineAnnealingLR(opt, T_max=tMax, eta_min=etaMin)
    return name, spec, make, steps, False


def linear_lr(name, steps, lr=0.1, startFactor=1.0 / 3, endFactor=1.0, totalIters=5):
    spec = dict(kind="torchLinear", lr=lr, startFactor=startFactor, endFactor=endFactor, totalIters=totalIters)
    make = lambda opt: LinearLR(opt, start_factor=startFactor, end_factor=endFactor, total_iters=totalIters)
    return name, spec, make, steps, False


def polynomial_lr(name, steps, lr=0.1, totalIters=5, power=1.0):
    spec = dict(kind="torchPolynomial", lr=lr, totalIters=totalIters, power=power)
    make = lambda opt: PolynomialLR(opt, total_iters=totalIters, power=power)
    return name, spec, make, steps, False


def caffe_inv(name, steps, lr=0.01, gamma=1e-4, power=0.75):
    # Caffe's lr_policy "inv" (SGDSolver::GetLearningRate: base_lr * pow(1 + gamma * iter, -power)),
    # stepped by PyTorch's LambdaLR, which is how a PyTorch user writes it.
    spec = dict(kind="caffeInv", lr=lr, gamma=gamma, power=power)
    make = lambda opt: LambdaLR(opt, lambda it: (1.0 + gamma * it) ** -power)
    return name, spec, make, steps, False


CASES = [
    one_cycle("onecycle-cos-default"),
    one_cycle("onecycle-linear", annealStrategy="linear"),
    one_cycle("onecycle-cos-three-phase", threePhase=True),
    one_cycle("onecycle-linear-three-phase", annealStrategy="linear", threePhase=True),
    one_cycle("onecycle-cos-total-7", totalSteps=7),
    one_cycle("onecycle-cos-total-1001", maxLr=0.5, totalSteps=1001),
    one_cycle("onecycle-custom-pct-div", maxLr=0.02, totalSteps=250, pctStart=0.45,
              divFactor=10.0, finalDivFactor=100.0, baseMomentum=0.8, maxMomentum=0.99),
    one_cycle("onecycle-no-momentum", totalSteps=60, cycleMomentum=False),
    cyclic("cyclic-triangular", 100),
    cyclic("cyclic-triangular2", 200, mode="triangular2"),
    cyclic("cyclic-exp-range", 100, mode="expRange", gamma=0.99),
    cyclic("cyclic-asymmetric", 100, stepSizeUp=10, stepSizeDown=30),
    cyclic("cyclic-asymmetric-triangular2", 150, stepSizeUp=7, stepSizeDown=13, mode="triangular2"),
    cyclic("cyclic-no-momentum", 100, cycleMomentum=False),
    warm_restarts("warm-restarts-t0-10", 25, t0=10, tMult=1),
    warm_restarts("warm-restarts-t0-5-mult-2", 90, t0=5, tMult=2),
    warm_restarts("warm-restarts-eta-min", 40, baseLr=0.05, t0=8, tMult=1, etaMin=0.001),
    multi_step("multistep-default-gamma", 60),
    multi_step("multistep-gamma-half", 50, lr=0.02, milestones=(5, 6, 30), gamma=0.5),
    exponential("exponential-0.97", 120),
    step_lr("step-default", 40),
    step_lr("step-gamma-half", 100, lr=0.5, stepSize=13, gamma=0.5),
    cosine_annealing("cosine-annealing-past-tmax", 100),
    cosine_annealing("cosine-annealing-eta-min", 250, lr=0.05, tMax=100, etaMin=0.001),
    linear_lr("linear-default-warmup", 12),
    linear_lr("linear-decay", 60, lr=0.2, startFactor=1.0, endFactor=0.05, totalIters=40),
    polynomial_lr("polynomial-default", 12),
    polynomial_lr("polynomial-power-2", 80, lr=0.3, totalIters=50, power=2.0),
    caffe_inv("caffe-inv-lenet", 200),
    caffe_inv("caffe-inv-fast", 120, lr=0.1, gamma=0.05, power=1.5),
]


def record(make, steps, with_mom, base_lr):
    opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=base_lr, momentum=0.9)
    sched = make(opt)
    lr, mom = [], []
    for k in range(steps):
        if k > 0:
            sched.step()
        lr.append(float(opt.param_groups[0]["lr"]))
        mom.append(float(opt.param_groups[0]["momentum"]))
    return lr, (mom if with_mom else None)


def main():
    cases = []
    for name, spec, make, steps, with_mom in CASES:
        base_lr = spec.get("baseLr", spec.get("maxLr", spec.get("lr")))
        lr, mom = record(make, steps, with_mom, base_lr)
        cases.append(dict(name=name, spec=spec, steps=steps, lr=lr, mom=mom))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(dict(generator="tools/golden/schedules.py", torchVersion=torch.__version__,
                       cases=cases), f, indent=1)
        f.write("\n")
    print(f"torch {torch.__version__}: wrote {len(cases)} schedule cases to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
