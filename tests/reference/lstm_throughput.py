"""Training throughput of PyTorch on the neural reference configuration, for `research bench neural`.

    /usr/bin/python3 tests/reference/lstm_throughput.py DIR EPOCHS THREADS

DIR holds the windows the C# benchmark cut from the orange-juice panel (the same tensors it trains on): past.f32
([N, 52, 4] float32, little-endian), target.f32 ([N, 2]) and shape.json. The loop: LSTM(4 -> 64, 1 layer, batch first),
Linear(64 -> 2) on the last hidden state, MSE, Adam(lr 1e-3), batch 256, a fresh permutation per epoch, THREADS
intra-op threads and 1 inter-op thread (Debian's python3-torch 1.13), OMP_WAIT_POLICY as the
caller's environment sets it (`research bench neural` passes PASSIVE unless set). Prints one JSON line: sequences per second of each epoch.
"""
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn


def main():
    folder, epochs, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)  # as the library (TorchRuntime.UseThreads); OMP_WAIT_POLICY comes from the parent
    torch.manual_seed(42)
    shape = json.load(open(os.path.join(folder, "shape.json")))
    n, l, f, h = shape["windows"], shape["input_length"], shape["features"], shape["horizon"]
    past = torch.from_numpy(np.fromfile(os.path.join(folder, "past.f32"), dtype="<f4").reshape(n, l, f))
    target = torch.from_numpy(np.fromfile(os.path.join(folder, "target.f32"), dtype="<f4").reshape(n, h))
    hidden, batch = shape["hidden"], shape["batch"]

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = nn.LSTM(f, hidden, 1, batch_first=True)
            self.head = nn.Linear(hidden, h)

        def forward(self, x):
            _, (hn, _) = self.encoder(x)
            return self.head(hn[-1])

    net = Net()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    rates = []
    for _ in range(epochs):
        start = time.perf_counter()
        perm = torch.randperm(n)
        for i in range(0, n, batch):
            idx = perm[i:i + batch]
            opt.zero_grad()
            loss = nn.functional.mse_loss(net(past.index_select(0, idx)), target.index_select(0, idx))
            loss.backward()
            opt.step()
        rates.append(n / (time.perf_counter() - start))
    print(json.dumps(dict(torch=torch.__version__, threads=threads, windows=n, sequences_per_second=rates)))


if __name__ == "__main__":
    main()
