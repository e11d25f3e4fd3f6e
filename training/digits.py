"""Train the "Draw a digit" network (level draw-digit) on MNIST's 10,000 test images, export it to ONNX.

The split is fixed: a seeded permutation of the 10,000 images, the first 8,000 to train and the last
2,000 held out (never seen by training). Children draw with a thick pen, anywhere, at any size, so the
training images are augmented the way the app prepares a drawing:

  * traced copies: each image is thinned to its skeleton (Zhang-Suen), the skeleton turned into pen
    strokes and drawn again with pens of different widths (the same anti-aliased round pen as
    src/lessons/digitPrep.ts), so the network has seen drawings made of strokes, not only scans;
  * random rotation, shear, scale and thickening / thinning;
  * then the MNIST preparation again: crop to the ink, scale its longer side to 20 pixels, centre the
    centre of mass in 28 x 28 (what the app does to every drawing).

Writes public/models/digits/digits.onnx, public/models/digits/card.json, public/data/draw-digit/drawings.json
(prepared drawings for the keyboard path: traced held-out digits), tests/e2e/fixtures/digit-traces.json (50
traced held-out digits for the robustness test) and tests/unit/fixtures/digits-torch.json (PyTorch's outputs
for fixed inputs, to check the ONNX file against).

    nice -n 10 /usr/bin/python3 training/digits.py            # about 5-10 minutes on 2 shared cores
"""
import argparse
import gzip
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = 1234
N_TRAIN = 8000


def load_mnist(folder):
    with gzip.open(os.path.join(folder, "t10k-images-idx3-ubyte.gz")) as f:
        raw = f.read()
    assert int.from_bytes(raw[0:4], "big") == 2051
    n = int.from_bytes(raw[4:8], "big")
    images = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(n, 28, 28)
    with gzip.open(os.path.join(folder, "t10k-labels-idx1-ubyte.gz")) as f:
        raw = f.read()
    assert int.from_bytes(raw[0:4], "big") == 2049
    labels = np.frombuffer(raw, dtype=np.uint8, offset=8)
    return images, labels


def split(n):
    """The fixed split: a seeded permutation, first 8,000 train, last 2,000 held out."""
    perm = np.random.RandomState(SEED).permutation(n)
    return perm[:N_TRAIN], perm[N_TRAIN:]


# ---------- skeletons and strokes ----------


def zhang_suen(binary):
    """Thin a batch of binary images (B, H, W) to one-pixel skeletons (Zhang & Suen 1984)."""
    img = np.pad(binary.astype(np.uint8), ((0, 0), (1, 1), (1, 1)))
    while True:
        changed = False
        for step in (0, 1):
            p = img
            P2 = np.roll(p, 1, 1)
            P3 = np.roll(np.roll(p, 1, 1), -1, 2)
            P4 = np.roll(p, -1, 2)
            P5 = np.roll(np.roll(p, -1, 1), -1, 2)
            P6 = np.roll(p, -1, 1)
            P7 = np.roll(np.roll(p, -1, 1), 1, 2)
            P8 = np.roll(p, 1, 2)
            P9 = np.roll(np.roll(p, 1, 1), 1, 2)
            ns = [P2, P3, P4, P5, P6, P7, P8, P9]
            B = sum(x.astype(np.int32) for x in ns)
            A = sum(((ns[i] == 0) & (ns[(i + 1) % 8] == 1)).astype(np.int32) for i in range(8))
            if step == 0:
                c = (P2 * P4 * P6 == 0) & (P4 * P6 * P8 == 0)
            else:
                c = (P2 * P4 * P8 == 0) & (P2 * P6 * P8 == 0)
            remove = (p == 1) & (B >= 2) & (B <= 6) & (A == 1) & c
            if remove.any():
                img = img.copy()
                img[remove] = 0
                changed = True
        if not changed:
            break
    return img[:, 1:-1, 1:-1]


NEIGHBOURS = [(-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1)]


def strokes_from_skeleton(skel):
    """Walk a skeleton (H, W of 0/1) into pen strokes: lists of (x, y) pixel centres, 4-neighbours before
    diagonals, each edge drawn once. Starts at end points so a stroke runs the way a pen would."""
    pts = {(int(y), int(x)) for y, x in zip(*np.nonzero(skel))}
    if not pts:
        return []

    def nbrs(p):
        out = []
        for dy, dx in NEIGHBOURS:
            q = (p[0] + dy, p[1] + dx)
            if q in pts:
                # a diagonal step is skipped when a 4-neighbour path covers it
                if dy != 0 and dx != 0 and ((p[0] + dy, p[1]) in pts or (p[0], p[1] + dx) in pts):
                    continue
                out.append(q)
        return out

    graph = {p: nbrs(p) for p in pts}
    used = set()
    strokes = []

    def unused(p):
        return [q for q in graph[p] if (min(p, q), max(p, q)) not in used]

    def walk(start):
        line = [start]
        p = start
        while True:
            nxt = unused(p)
            if not nxt:
                break
            q = nxt[0]
            used.add((min(p, q), max(p, q)))
            line.append(q)
            p = q
        return line

    order = sorted(pts, key=lambda p: (len(graph[p]) != 1, p))
    for p in order:
        while unused(p):
            strokes.append(walk(p))
    isolated = [p for p in pts if not graph[p]]
    for p in isolated:
        strokes.append([p])
    return [[(x + 0.5, y + 0.5) for (y, x) in s] for s in strokes]


def extend_ends(strokes, skel, ink):
    """Thinning eats into the ends of strokes (a 6's top, a 4's tail). Each end of the skeleton is drawn
    on to the farthest ink pixel nearer to it than to any other skeleton pixel, less one pixel of pen."""
    sk = [(y, x) for y, x in zip(*np.nonzero(skel))]
    if not sk:
        return strokes
    sk_arr = np.array(sk, dtype=np.float64)
    iy, ix = np.nonzero(ink)
    pix = np.stack([iy, ix], 1).astype(np.float64)
    d = np.linalg.norm(pix[:, None, :] - sk_arr[None, :, :], axis=2)
    nearest = d.argmin(1)
    index = {p: i for i, p in enumerate(sk)}
    ends = {p for p in sk if sum((p[0] + dy, p[1] + dx) in index for dy, dx in NEIGHBOURS) == 1}

    def tip(p):
        i = index[p]
        mine = pix[nearest == i]
        if len(mine) == 0:
            return None
        far = mine[np.linalg.norm(mine - sk_arr[i], axis=1).argmax()]
        v = far - sk_arr[i]
        L = np.linalg.norm(v)
        if L < 1.5:
            return None
        q = sk_arr[i] + v * (L - 1) / L
        return (float(q[1]) + 0.5, float(q[0]) + 0.5)

    out = []
    for s in strokes:
        s = list(s)
        first = (int(s[0][1] - 0.5), int(s[0][0] - 0.5))
        last = (int(s[-1][1] - 0.5), int(s[-1][0] - 0.5))
        if len(s) > 1 and first in ends:
            t = tip(first)
            if t:
                s.insert(0, t)
        if len(s) > 1 and last in ends:
            t = tip(last)
            if t:
                s.append(t)
        out.append(s)
    return out


def render_strokes(strokes, width, size=28):
    """Anti-aliased round pen: coverage = clamp(width/2 + 0.5 - distance to the stroke, 0, 1) at each pixel
    centre. The same formula as renderStrokes in src/lessons/digitPrep.ts."""
    ys, xs = np.mgrid[0:size, 0:size]
    cx = xs + 0.5
    cy = ys + 0.5
    best = np.full((size, size), 1e9)
    for s in strokes:
        if len(s) == 1:
            s = [s[0], s[0]]
        for (x0, y0), (x1, y1) in zip(s[:-1], s[1:]):
            dx, dy = x1 - x0, y1 - y0
            L = dx * dx + dy * dy
            if L == 0:
                t = np.zeros_like(cx, dtype=np.float64)
            else:
                t = np.clip(((cx - x0) * dx + (cy - y0) * dy) / L, 0, 1)
            d = np.hypot(cx - (x0 + t * dx), cy - (y0 + t * dy))
            best = np.minimum(best, d)
    return np.clip(width / 2 + 0.5 - best, 0, 1).astype(np.float32)


def simplify(stroke, tol=0.35):
    """Drop points that lie on the straight line between their neighbours (Ramer-Douglas-Peucker)."""
    if len(stroke) < 3:
        return stroke
    (x0, y0), (x1, y1) = stroke[0], stroke[-1]
    dx, dy = x1 - x0, y1 - y0
    L2 = dx * dx + dy * dy

    def dist(x, y):
        # To the segment, not the whole line: a loop (a 0, the ring of a 6, 8 or 9) that ends near its
        # start keeps its far side.
        t = 0.0 if L2 == 0 else min(1.0, max(0.0, ((x - x0) * dx + (y - y0) * dy) / L2))
        return math.hypot(x - (x0 + t * dx), y - (y0 + t * dy))

    dists = [dist(x, y) for x, y in stroke[1:-1]]
    i = int(np.argmax(dists))
    if dists[i] <= tol:
        return [stroke[0], stroke[-1]]
    return simplify(stroke[: i + 2], tol)[:-1] + simplify(stroke[i + 1 :], tol)


# ---------- preparation (crop, 20 x 20, centre of mass in 28 x 28) on batches ----------


def renormalise(x, thr=0.1):
    """Crop to the ink, scale the longer side to 20, put the centre of mass at the centre: x (B,1,28,28)."""
    B = x.shape[0]
    ink = x[:, 0] > thr
    rows = ink.any(2).float()
    cols = ink.any(1).float()
    idx = torch.arange(28, dtype=torch.float32)
    big = 1e3
    r0 = torch.where(rows > 0, idx, big).amin(1)
    r1 = torch.where(rows > 0, idx, -big).amax(1) + 1
    c0 = torch.where(cols > 0, idx, big).amin(1)
    c1 = torch.where(cols > 0, idx, -big).amax(1) + 1
    side = torch.maximum(r1 - r0, c1 - c0).clamp(min=1)
    s = 20.0 / side
    mass = x[:, 0].sum((1, 2)).clamp(min=1e-6)
    cy = (x[:, 0].sum(2) * (idx + 0.5)).sum(1) / mass
    cx = (x[:, 0].sum(1) * (idx + 0.5)).sum(1) / mass
    theta = torch.zeros(B, 2, 3)
    theta[:, 0, 0] = 1 / s
    theta[:, 1, 1] = 1 / s
    theta[:, 0, 2] = cx / 14 - 1
    theta[:, 1, 2] = cy / 14 - 1
    grid = F.affine_grid(theta, x.shape, align_corners=False)
    out = F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    empty = ~ink.any(2).any(1)
    out[empty] = x[empty]
    return out


def augment(x, gen):
    B = x.shape[0]
    ang = (torch.rand(B, generator=gen) * 2 - 1) * math.radians(15)
    shear = (torch.rand(B, generator=gen) * 2 - 1) * 0.25
    sc = 0.8 + torch.rand(B, generator=gen) * 0.4
    aspect = 1 + (torch.rand(B, generator=gen) * 2 - 1) * 0.2
    cos, sin = torch.cos(ang), torch.sin(ang)
    theta = torch.zeros(B, 2, 3)
    theta[:, 0, 0] = cos / sc * aspect
    theta[:, 0, 1] = (-sin + shear) / sc
    theta[:, 1, 0] = sin / sc * aspect
    theta[:, 1, 1] = cos / sc
    theta[:, :, 2] = (torch.rand(B, 2, generator=gen) * 2 - 1) * 0.1
    grid = F.affine_grid(theta, x.shape, align_corners=False)
    x = F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    r = torch.rand(B, generator=gen)
    thick = F.max_pool2d(x, 3, 1, 1)
    thin = -F.max_pool2d(-x, 3, 1, 1)
    plus = torch.maximum(x, F.max_pool2d(x, (1, 3), 1, (0, 1)))
    x = torch.where((r < 0.2).view(B, 1, 1, 1), thick, x)
    x = torch.where(((r >= 0.2) & (r < 0.35)).view(B, 1, 1, 1), plus, x)
    x = torch.where(((r >= 0.35) & (r < 0.45)).view(B, 1, 1, 1), thin, x)
    # Most images are prepared again as the app prepares a drawing; some stay as MNIST gives them
    # (MNIST's own centring differs a little), so the network reads both.
    keep = (torch.rand(B, generator=gen) < 0.25).view(B, 1, 1, 1)
    x = torch.where(keep, x, renormalise(x))
    return x.clamp(0, 1)


# ---------- the network ----------


class DigitNet(nn.Module):
    """Three small convolutions and two dense layers; `features` (64 numbers) feed the last layer, and a new
    last layer for the player's own signs."""

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 12, 3, padding=1)
        self.c2 = nn.Conv2d(12, 24, 3, padding=1)
        self.c3 = nn.Conv2d(24, 32, 3, padding=1)
        self.b1 = nn.BatchNorm2d(12)
        self.b2 = nn.BatchNorm2d(24)
        self.b3 = nn.BatchNorm2d(32)
        self.fc = nn.Linear(32 * 3 * 3, 64)
        self.drop = nn.Dropout(0.25)
        self.out = nn.Linear(64, 10)

    def features(self, x):
        x = F.max_pool2d(F.relu(self.b1(self.c1(x))), 2)  # 14 x 14
        x = F.max_pool2d(F.relu(self.b2(self.c2(x))), 2)  # 7 x 7
        x = F.max_pool2d(F.relu(self.b3(self.c3(x))), 2)  # 3 x 3
        return F.relu(self.fc(x.flatten(1)))

    def forward(self, x):
        return self.out(self.drop(self.features(x)))


class Export(nn.Module):
    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, image):
        f = self.net.features(image)
        return self.net.out(f), f


def count(net):
    """Weights (parameters after folding batch norm into the convolutions) and neurons (the units that
    compute: every channel at every position of each convolution, the dense layers' units)."""
    weights = sum(p.numel() for n, p in net.named_parameters() if not n.startswith("b"))
    neurons = 12 * 28 * 28 + 24 * 14 * 14 + 32 * 7 * 7 + 64 + 10
    return weights, neurons


def accuracy(net, x, y):
    net.eval()
    with torch.no_grad():
        pred = torch.cat([net(x[i : i + 500]).argmax(1) for i in range(0, len(x), 500)])
    return (pred == y).float().mean().item()


def traced_copies(images, gen_np, widths):
    skel = zhang_suen(images > 96)
    out = []
    all_strokes = []
    for i in range(len(images)):
        st = strokes_from_skeleton(skel[i])
        all_strokes.append(st)
        for w in widths:
            ww = w + gen_np.uniform(-0.3, 0.3)
            jit = [[(x + gen_np.normal(0, 0.2), y + gen_np.normal(0, 0.2)) for x, y in s] for s in st]
            out.append(render_strokes(jit, ww))
    return np.stack(out), all_strokes


def write_traces(labels, ho, ho_strokes):
    # Traced held-out digits: 5 of each for the robustness test, 3 others of each for the keyboard path.
    rng = np.random.RandomState(SEED + 2)
    by_digit = {d: [i for i in range(len(ho)) if labels[ho][i] == d] for d in range(10)}
    tests, prepared = [], []
    for d in range(10):
        pick = rng.permutation(by_digit[d])[:8]
        for k, i in enumerate(pick):
            st = [[[round(x, 2), round(y, 2)] for x, y in simplify(s)] for s in ho_strokes[i]]
            row = {"label": d, "mnistIndex": int(ho[i]), "strokes": st}
            (tests if k < 5 else prepared).append(row)
    with open(os.path.join(ROOT, "tests", "e2e", "fixtures", "digit-traces.json"), "w") as f:
        json.dump({"source": "MNIST test set, held-out part of the fixed split (never trained on)", "digits": tests}, f)
        f.write("\n")
    dd = os.path.join(ROOT, "public", "data", "draw-digit")
    os.makedirs(dd, exist_ok=True)
    with open(os.path.join(dd, "drawings.json"), "w") as f:
        json.dump({"source": "MNIST (CC BY-SA 3.0), held-out digits traced into pen strokes", "digits": prepared}, f)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=420)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--data", default=os.path.join(ROOT, "data", "mnist"))
    ap.add_argument("--traces-only", action="store_true", help="only write the traced held-out digits")
    args = ap.parse_args()
    t0 = time.time()
    cpu0 = time.process_time()
    torch.set_num_threads(args.threads)
    torch.manual_seed(SEED)
    gen_np = np.random.RandomState(SEED)

    images, labels = load_mnist(args.data)
    tr, ho = split(len(images))
    print(f"train {len(tr)} held out {len(ho)}", flush=True)
    with open(os.path.join(args.data, "split.json"), "w") as f:
        json.dump({"seed": SEED, "heldOut": [int(i) for i in ho]}, f)
        f.write("\n")

    widths = (1.8, 2.6, 3.4)
    cache = os.path.join(ROOT, "training", "build", "digits", "traced.npy")
    if os.path.exists(cache):
        traced = np.load(cache)
        gen_np = np.random.RandomState(SEED)
    else:
        traced, _ = traced_copies(images[tr], gen_np, widths)
        os.makedirs(os.path.dirname(cache), exist_ok=True)
        np.save(cache, traced)
    print(f"traced copies {traced.shape} in {time.time() - t0:.0f} s", flush=True)

    x_scan = torch.tensor(images[tr], dtype=torch.float32).unsqueeze(1) / 255
    x_tr = torch.cat([x_scan, torch.tensor(traced).unsqueeze(1)])
    y_tr = torch.tensor(np.concatenate([labels[tr], np.repeat(labels[tr], len(widths))]), dtype=torch.long)
    if args.traces_only:
        skel = zhang_suen(images[ho] > 96)
        strokes = [extend_ends(strokes_from_skeleton(k), k, im > 96) for k, im in zip(skel, images[ho])]
        write_traces(labels, ho, strokes)
        return
    x_ho_raw = torch.tensor(images[ho], dtype=torch.float32).unsqueeze(1) / 255
    x_ho = renormalise(x_ho_raw)
    y_ho = torch.tensor(labels[ho], dtype=torch.long)
    ho_traced, ho_strokes = traced_copies(images[ho], np.random.RandomState(SEED + 1), (2.6,))
    x_ho_tr = renormalise(torch.tensor(ho_traced).unsqueeze(1))

    net = DigitNet()
    weights, neurons = count(net)
    print(f"weights {weights} neurons {neurons}", flush=True)
    opt = torch.optim.AdamW(net.parameters(), lr=3e-3, weight_decay=1e-4)
    gen = torch.Generator().manual_seed(SEED)
    batch = 128
    total = args.steps
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=total, pct_start=0.15)
    perm = torch.randperm(len(x_tr), generator=gen)
    pos = 0
    tot, seen = 0.0, 0
    for step in range(total):
        net.train()
        if pos + batch > len(perm):
            perm = torch.randperm(len(x_tr), generator=gen)
            pos = 0
        idx = perm[pos : pos + batch]
        pos += batch
        xb = augment(x_tr[idx], gen)
        loss = F.cross_entropy(net(xb), y_tr[idx], label_smoothing=0.05)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step < total - 1:
            sched.step()
        tot += loss.item() * len(idx)
        seen += len(idx)
        if (step + 1) % 140 == 0 or step + 1 == total:
            mins = (time.time() - t0) / 60
            a = accuracy(net, x_ho_raw, y_ho)
            a2 = accuracy(net, x_ho, y_ho)
            b = accuracy(net, x_ho_tr, y_ho)
            print(
                f"step {step + 1} loss {tot / seen:.4f} held-out {a:.4f} prepared {a2:.4f} traced {b:.4f} {mins:.1f} min",
                flush=True,
            )
            tot, seen = 0.0, 0
    passes = total * batch / len(x_tr)

    net.eval()
    acc = accuracy(net, x_ho_raw, y_ho)
    acc_prep = accuracy(net, x_ho, y_ho)
    acc_tr = accuracy(net, x_ho_tr, y_ho)
    minutes = (time.time() - t0) / 60

    out_dir = os.path.join(ROOT, "public", "models", "digits")
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "digits.onnx")
    exp = Export(net).eval()
    torch.onnx.export(
        exp,
        torch.zeros(1, 1, 28, 28),
        path,
        input_names=["image"],
        output_names=["logits", "features"],
        dynamic_axes={"image": {0: "n"}, "logits": {0: "n"}, "features": {0: "n"}},
        opset_version=17,
        do_constant_folding=True,
    )
    size = os.path.getsize(path)
    card = {
        "file": "digits.onnx",
        "bytes": size,
        "data": "MNIST test set (10,000 images; Y. LeCun, C. Cortes, C. J. C. Burges; CC BY-SA 3.0)",
        "split": {"seed": SEED, "train": len(tr), "heldOut": len(ho)},
        "heldOutAccuracy": round(acc, 4),
        "heldOutPreparedAccuracy": round(acc_prep, 4),
        "heldOutTracedAccuracy": round(acc_tr, 4),
        "weights": weights,
        "neurons": neurons,
        "features": 64,
        "steps": total,
        "batch": batch,
        "passesOverTrainingPool": round(passes, 2),
        "minutes": round(minutes, 1),
        "cpuMinutes": round((time.process_time() - cpu0) / 60, 1),
        "threads": args.threads,
    }
    with open(os.path.join(out_dir, "card.json"), "w") as f:
        json.dump(card, f, indent=2)
        f.write("\n")

    # PyTorch's outputs on fixed inputs: the ONNX file in the browser must give the same.
    fx = torch.cat([x_ho_raw[:2], x_ho[2:4], x_ho_tr[4:6]])
    with torch.no_grad():
        logits, feats = exp(fx)
    fixture = {
        "images": [[round(float(v), 4) for v in im.flatten()] for im in fx],
        "labels": [int(v) for v in y_ho[:6]],
        "logits": [[round(float(v), 4) for v in row] for row in logits],
        "features": [[round(float(v), 4) for v in row] for row in feats],
    }
    with open(os.path.join(ROOT, "tests", "unit", "fixtures", "digits-torch.json"), "w") as f:
        json.dump(fixture, f)

    write_traces(labels, ho, ho_strokes)
    print(json.dumps(card), flush=True)


if __name__ == "__main__":
    main()
