"""Train a tiny transformer on the token ids made by `npm run corpus`, then export it.

    /usr/bin/python3 training/train.py --lang en [--minutes 25] [--out public/models]

Seeded and reproducible for a given machine and thread count; early stopping on the
validation split. Writes <out>/<lang>/model.onnx, embeddings.f16, card.json, fixture.json
(PyTorch logits for fixed inputs) and vocab.json (export.py), and the kept weights to
<data>/<lang>/weights.pt (training/reexport.py exports again from them, or from model.onnx itself).
"""
import argparse
import json
import math
import os
import random
import time

import numpy as np
import torch
import torch.nn.functional as F

from model import TinyLM
from export import export

# Steps of the learning-rate schedule: fixed per language, so a run is reproducible for a given
# seed and thread count (the time budget only guards the 30-minute limit).
STEPS = {"en": 2400, "zh": 2400}

SIZES = {
    # Chosen so each shipped model stays under 2 MB with fp16-stored weights.
    "en": dict(d=120, layers=3, heads=4, context=64, dropout=0.1),
    "zh": dict(d=128, layers=3, heads=4, context=64, dropout=0.3),
}


def batches(data, context, batch, rng):
    starts = rng.integers(0, len(data) - context - 1, size=batch)
    x = np.stack([data[s : s + context] for s in starts])
    y = np.stack([data[s + 1 : s + context + 1] for s in starts])
    return torch.from_numpy(x.astype(np.int64)), torch.from_numpy(y.astype(np.int64))


@torch.no_grad()
def evaluate(model, data, context, max_windows=None):
    """Mean loss over non-overlapping windows; every token is scored given its in-window prefix."""
    model.eval()
    n = (len(data) - 1) // context
    if max_windows:
        n = min(n, max_windows)
    total, count = 0.0, 0
    for i in range(0, n, 64):
        idx = range(i, min(n, i + 64))
        x = torch.from_numpy(np.stack([data[j * context : (j + 1) * context] for j in idx]).astype(np.int64))
        y = torch.from_numpy(np.stack([data[j * context + 1 : (j + 1) * context + 1] for j in idx]).astype(np.int64))
        loss = F.cross_entropy(model(x).reshape(-1, model.tok.num_embeddings), y.reshape(-1), reduction="sum")
        total += loss.item()
        count += y.numel()
    model.train()
    return total / count


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--lang", choices=["en", "zh"], required=True)
    p.add_argument("--data", default="training/build")
    p.add_argument("--out", default="public/models")
    p.add_argument("--minutes", type=float, default=25.0)
    p.add_argument("--steps", type=int, default=None, help="schedule length (default per language)")
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--eval-every", type=int, default=250)
    p.add_argument("--patience", type=int, default=6, help="evaluations without improvement before stopping")
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--dropout", type=float, default=None, help="override the language's dropout")
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args()

    torch.manual_seed(args.seed)
    random.seed(args.seed)
    rng = np.random.default_rng(args.seed)
    torch.set_num_threads(args.threads)

    src = os.path.join(args.data, args.lang)
    train = np.fromfile(os.path.join(src, "train.bin"), dtype="<u2")
    valid = np.fromfile(os.path.join(src, "valid.bin"), dtype="<u2")
    vocab = json.load(open(os.path.join(src, "vocab.json"), encoding="utf-8"))
    size = dict(SIZES[args.lang])
    if args.dropout is not None:
        size["dropout"] = args.dropout
    model = TinyLM(len(vocab["tokens"]), **size)
    params = sum(p.numel() for p in model.parameters())
    print(f"{args.lang}: {params:,} parameters, {len(train):,} train and {len(valid):,} valid tokens", flush=True)

    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.98), weight_decay=0.05)
    budget = args.minutes * 60
    steps = args.steps or STEPS[args.lang]
    warmup = min(200, steps // 10)
    start = time.time()
    best, best_state, best_step, bad, step = math.inf, None, 0, 0, 0
    history = []
    stopped_by = "steps"
    while step < steps:
        if time.time() - start > budget:
            stopped_by = "time"
            print("time budget reached before the last step: this run is not reproducible", flush=True)
            break
        # Linear warm-up, then cosine decay over the planned steps.
        lr = args.lr * min(1.0, (step + 1) / warmup) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * step / steps)))
        for g in opt.param_groups:
            g["lr"] = lr
        x, y = batches(train, size["context"], args.batch, rng)
        loss = F.cross_entropy(model(x).reshape(-1, model.tok.num_embeddings), y.reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        if step % args.eval_every == 0:
            v = evaluate(model, valid, size["context"])
            history.append(dict(step=step, seconds=round(time.time() - start), train_loss=loss.item(), valid_loss=v))
            print(f"step {step} {time.time() - start:.0f}s train {loss.item():.3f} valid {v:.3f} ppl {math.exp(v):.1f}", flush=True)
            if v < best - 1e-4:
                best, best_step, bad = v, step, 0
                best_state = {k: t.detach().clone() for k, t in model.state_dict().items()}
            else:
                bad += 1
                if bad >= args.patience:
                    print("early stop", flush=True)
                    stopped_by = "early stopping"
                    break
    # The steps after the last evaluation count too: keep the final weights if they are the best.
    final = evaluate(model, valid, size["context"])
    if best_state is None or final < best - 1e-4:
        best, best_step, best_state = final, step, {k: t.detach().clone() for k, t in model.state_dict().items()}
    model.load_state_dict(best_state)
    model.eval()
    seconds = time.time() - start
    card = dict(
        lang=args.lang,
        parameters=params,
        vocabSize=len(vocab["tokens"]),
        context=size["context"],
        layers=size["layers"],
        heads=size["heads"],
        dModel=size["d"],
        seed=args.seed,
        threads=args.threads,
        trainSteps=step,
        weightsFromStep=best_step,
        plannedSteps=steps,
        stoppedBy=stopped_by,
        trainSeconds=round(seconds),
        trainTokens=int(len(train)),
        validTokens=int(len(valid)),
        validPerplexityTorch=math.exp(best),
        trainedWith=dict(torch=torch.__version__),
        history=history,
    )
    # The weights themselves, so a new export (another opset, a leaner graph) needs no retraining.
    torch.save(model.state_dict(), os.path.join(src, "weights.pt"))
    export(model, vocab, card, os.path.join(args.out, args.lang), args.data)


if __name__ == "__main__":
    main()
