#!/usr/bin/env python3
"""PyTorch side of nabla's benchmark: the same workloads as bench/gemm.ts, bench/mlp.ts and
bench/mlp-inference.ts, on the same data, initial weights and training orders.

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/peers/torch_bench.py <job.json>

The runner (bench/run.ts) writes the job, the weights (weights.bin) and the training orders
(order-<run>.bin) and reads back the list of measurements written to job["resultPath"].
"""
import gzip
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

INPUTS, HIDDEN, CLASSES = 784, 128, 10
EPOCH_SAMPLES = 60000
WARM_UP_SAMPLES = 32 * 50
INFER_BATCH = 256


def blas_library():
    """The BLAS shared library this process loaded (Debian switches it with alternatives)."""
    with open('/proc/self/maps') as maps:
        paths = {line.split()[-1] for line in maps if 'blas' in line.lower() and '/' in line}
    real = sorted({os.path.realpath(p) for p in paths})
    # OpenBLAS's libblas.so.3 is a link to libopenblas*.so: name the library that does the work.
    openblas = [p for p in real if 'libopenblas' in os.path.basename(p)]
    return ', '.join(openblas or real) or 'none found'


def describe():
    blas = blas_library()
    if 'openblas' in blas.lower():
        kind = f'OpenBLAS ({blas})'
    elif '/blas/' in blas:
        kind = f'reference BLAS (netlib, unoptimised: {blas})'
    else:
        kind = blas
    return (f'torch {torch.__version__}, {torch.get_num_threads()} intra-op thread(s), '
            f'OPENBLAS_NUM_THREADS={os.environ.get("OPENBLAS_NUM_THREADS", "unset")}, '
            f'BLAS: {kind}')


def read_idx(path):
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rb') as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], 'big') for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(dir_, name):
    for candidate in (name + '.gz', name):
        path = os.path.join(dir_, candidate)
        if os.path.exists(path):
            return path
    raise FileNotFoundError(f'{name}(.gz) not in {dir_}')


def load_fashion(dir_):
    def images(name):
        x = read_idx(find(dir_, name)).reshape(-1, INPUTS).astype(np.float32) / 255
        return torch.from_numpy(x)

    def labels(name):
        return torch.from_numpy(read_idx(find(dir_, name)).astype(np.int64))

    return (images('train-images-idx3-ubyte'), labels('train-labels-idx1-ubyte'),
            images('t10k-images-idx3-ubyte'), labels('t10k-labels-idx1-ubyte'))


def read_weights(path):
    flat = np.fromfile(path, dtype='<f4')
    sizes = [INPUTS * HIDDEN, HIDDEN, HIDDEN * CLASSES, CLASSES]
    parts, offset = [], 0
    for size in sizes:
        parts.append(torch.from_numpy(flat[offset:offset + size].copy()))
        offset += size
    w1, b1, w2, b2 = parts
    # Keras kernels are [in, out]; torch's Linear holds [out, in].
    return (w1.reshape(INPUTS, HIDDEN).T.contiguous(), b1,
            w2.reshape(HIDDEN, CLASSES).T.contiguous(), b2)


class Mlp(torch.nn.Module):
    def __init__(self, weights):
        super().__init__()
        self.hidden = torch.nn.Linear(INPUTS, HIDDEN)
        self.out = torch.nn.Linear(HIDDEN, CLASSES)
        w1, b1, w2, b2 = weights
        with torch.no_grad():
            self.hidden.weight.copy_(w1)
            self.hidden.bias.copy_(b1)
            self.out.weight.copy_(w2)
            self.out.bias.copy_(b2)

    def forward(self, x):
        """Logits; the softmax is folded into the loss (and applied for predictions)."""
        return self.out(F.relu(self.hidden(x)))


def fit_epoch(model, x, y):
    # Adam with Keras's epsilon; cross-entropy on logits equals Keras's categorical
    # cross-entropy on the softmax (up to Keras's 1e-7 clipping of probabilities).
    # foreach=True: the multi-tensor update, the same arithmetic as the default per-tensor one,
    # which runs ~10x slower here (3.4 ms a step in torch 1.13, apparently on denormals).
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7, foreach=True)
    for start in range(0, x.shape[0], 32):
        xb, yb = x[start:start + 32], y[start:start + 32]
        optimizer.zero_grad(set_to_none=True)
        F.cross_entropy(model(xb), yb).backward()
        optimizer.step()


def predict(model, x):
    with torch.no_grad():
        return torch.cat([F.softmax(model(x[i:i + INFER_BATCH]), dim=1)
                          for i in range(0, x.shape[0], INFER_BATCH)])


def calibrate(run, target_ms):
    run()
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            run()
        elapsed = (time.perf_counter() - start) * 1000
        if elapsed >= target_ms / 4 or calls >= 1 << 16:
            return max(1, round(calls * target_ms / max(elapsed, 1e-3)))
        calls *= 4


def time_rounds(run, calls, rounds):
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(calls):
            run()
        out.append((time.perf_counter() - start) * 1000 / calls)
    return out


def row(job, case, unit, runs, **extra):
    return dict(workload=job['workload'], case=case, framework='torch', unit=unit,
                higherIsBetter=unit != 's/epoch', runs=runs, median=statistics.median(runs),
                info=describe(), **extra)


def bench_gemm(job):
    rows = []
    generator = torch.Generator().manual_seed(7)
    for n in job['gemmSizes']:
        a = torch.rand(n, n, generator=generator) - 0.5
        b = torch.rand(n, n, generator=generator) - 0.5
        run = lambda: torch.mm(a, b)  # noqa: E731
        calls = calibrate(run, job['roundMs'])
        time_rounds(run, calls, 1)
        ms = time_rounds(run, calls, job['rounds'])
        runs = [2 * n ** 3 / m / 1e6 for m in ms]
        rows.append(row(job, f'{n}³', 'GFLOP/s', runs))
        rows[-1]['info'] += f'; {calls} products per round'
    return rows


def bench_mlp(job, data):
    train_x, train_y, test_x, test_y = data
    weights = read_weights(os.path.join(job['fixtureDir'], 'weights.bin'))
    count = min(job['epochSamples'], EPOCH_SAMPLES)
    fit_epoch(Mlp(weights), train_x[:WARM_UP_SAMPLES], train_y[:WARM_UP_SAMPLES])
    seconds, accuracies = [], []
    for run in range(job['epochRuns']):
        order = np.fromfile(os.path.join(job['fixtureDir'], f'order-{run}.bin'), dtype='<i4')
        index = torch.from_numpy(order[:count].astype(np.int64))
        x, y = train_x[index].contiguous(), train_y[index].contiguous()
        model = Mlp(weights)
        start = time.perf_counter()
        fit_epoch(model, x, y)
        seconds.append(time.perf_counter() - start)
        correct = (predict(model, test_x).argmax(dim=1) == test_y).sum().item()
        accuracies.append(correct / test_y.shape[0])
    scale = EPOCH_SAMPLES / count
    extra = {}
    if count < EPOCH_SAMPLES:
        extra['note'] = (f'timed on {count:,} samples (the first of each run\'s order) and '
                         f'scaled ×{scale:.2f}; accuracy is after those {count:,} samples only')
    return [row(job, 'epoch', 's/epoch', [s * scale for s in seconds], accuracy=accuracies,
                **extra)]


def bench_infer(job, data):
    test_x = data[2]
    model = Mlp(read_weights(os.path.join(job['fixtureDir'], 'weights.bin')))
    run = lambda: predict(model, test_x).numpy()  # noqa: E731
    time_rounds(run, 1, 1)
    ms = time_rounds(run, 1, job['rounds'])
    runs = [test_x.shape[0] / (m / 1000) for m in ms]
    return [row(job, f'batch {INFER_BATCH}', 'samples/s', runs)]


def main():
    with open(sys.argv[1]) as f:
        job = json.load(f)
    # One intra-op thread unless BENCH_TORCH_THREADS says otherwise: with two, PyTorch's OpenMP
    # threads spin-wait against the other processes of a busy 2-core machine, and an MLP epoch
    # took 8-70 s instead of 5 s. OpenBLAS is held to one thread by the runner (the rule).
    torch.set_num_threads(int(os.environ.get('BENCH_TORCH_THREADS', '1')))
    if job['workload'] == 'gemm':
        rows = bench_gemm(job)
    else:
        data = load_fashion(job['dataDir'])
        rows = bench_mlp(job, data) if job['workload'] == 'mlp' else bench_infer(job, data)
    with open(job['resultPath'], 'w') as f:
        json.dump(rows, f, indent=2)


if __name__ == '__main__':
    main()
