#!/usr/bin/python3
"""The reference experiment in PyTorch (Debian's python3-torch), for comparison with Dendrites.

10,000 consecutive iterates of x' = 4x(1 - x) from x0 = 0.2, a 1-30-1 sigmoid network with
PyTorch's default initialisation, RMSProp (lr 0.001, PyTorch's defaults otherwise), batch 16,
shuffled every epoch, 25 epochs, MSE loss; judged on 100 uniform random inputs. One thread.
Prints one line per seed and the median, in the same form as bench_mlp.
"""
import statistics
import sys
import time

import torch


def run(seed):
    torch.manual_seed(seed)
    xs = [0.2]
    for _ in range(10000):
        xs.append(4.0 * xs[-1] * (1.0 - xs[-1]))
    x = torch.tensor(xs[:-1], dtype=torch.float64).unsqueeze(1)
    y = torch.tensor(xs[1:], dtype=torch.float64).unsqueeze(1)
    eval_x = torch.rand(100, 1, dtype=torch.float64)
    eval_y = 4.0 * eval_x * (1.0 - eval_x)
    net = torch.nn.Sequential(torch.nn.Linear(1, 30), torch.nn.Sigmoid(), torch.nn.Linear(30, 1)).double()
    opt = torch.optim.RMSprop(net.parameters(), lr=0.001)
    loss_fn = torch.nn.MSELoss()
    start = time.perf_counter()
    for _ in range(25):
        order = torch.randperm(len(x))
        for i in range(0, len(x), 16):
            idx = order[i:i + 16]
            opt.zero_grad()
            loss = loss_fn(net(x[idx]), y[idx])
            loss.backward()
            opt.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        mse = loss_fn(net(eval_x), eval_y).item()
    return seconds, mse


def main():
    torch.set_num_threads(1)
    seconds, mses = [], []
    for seed in range(1, 6):
        s, mse = run(seed)
        seconds.append(s)
        mses.append(mse)
        print(f"seed {seed}  {s:.4f} s  {250000 / s:.3g} samples/s  test_mse {mse:.3e}")
    med = statistics.median(seconds)
    print(f"median: {med:.4f} s per run ({250000 / med:.3g} samples/s), "
          f"test_mse {statistics.median(mses):.3e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
