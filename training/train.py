"""Train a tiny transformer on the token ids made by `npm run corpus`, then export it.

    /usr/bin/python3 training/train.py --lang en [--minutes 25] [--out public/models]

Seeded and reproducible for a given machine and thread count; early stopping on the
validation split. Writes <out>/<lang>/model.onnx, card.json, fixture.json
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

# Each language's shape and training, chosen by the runs in training/README.md. The steps are fixed per
# language, so a run is reproducible for a given seed and thread count (the time budget only guards
# the 30-minute limit). `weights`: how much more often than its share of tokens a source is sampled.
CONFIG = {
    "en": dict(d=160, layers=4, heads=4, context=64, dropout=0.1, smoothing=0.0, lr=2e-3, weight_decay=0.05, steps=3200, weights={"asp": 5}),
    "zh": dict(d=160, layers=4, heads=4, context=64, dropout=0.1, smoothing=0.0, lr=2e-3, weight_decay=0.05, steps=4800, weights={"asp": 4}),
}


def batches(sources, weights, context, batch, rng):
    """A batch of windows: each from a source drawn with probability `weights`, at a random place."""
    which = rng.choice(len(sources), size=batch, p=weights)
    xs, ys = [], []
    for k in which:
        data = sources[k]
        s = int(rng.integers(0, len(data) - context - 1))
        xs.append(data[s : s + context])
        ys.append(data[s + 1 : s + context + 1])
    return torch.from_numpy(np.stack(xs).astype(np.int64)), torch.from_numpy(np.stack(ys).astype(np.int64))


@torch.no_grad()
def sliding_loss(model, data, context, stride=None, max_tokens=None):
    """Mean loss of every token after the first, each given up to `context` tokens before it (at
    least context − stride once the text is that long): windows of `context` tokens, `stride` apart,
    each scoring only the targets the windows before it left."""
    stride = stride or context // 2
    if max_tokens:
        data = data[:max_tokens]
    n = len(data)
    # (window start, first target scored): targets are data[start + 1 : start + length + 1].
    spans, done = [], 0  # `done`: targets 1 … done are scored
    start = 0
    while done < n - 1:
        start = min(start, max(0, n - 1 - context))
        spans.append((start, done + 1))
        done = min(n - 1, start + context)
        start += stride
    model.eval()
    total, count = 0.0, 0
    length = min(context, n - 1)
    for i in range(0, len(spans), 64):
        group = spans[i : i + 64]
        x = torch.from_numpy(np.stack([data[s : s + length] for s, _ in group]).astype(np.int64))
        y = torch.from_numpy(np.stack([data[s + 1 : s + length + 1] for s, _ in group]).astype(np.int64))
        nll = F.cross_entropy(model(x).transpose(1, 2), y, reduction="none")
        for row, (s, first) in enumerate(group):
            part = nll[row, first - s - 1 :]
            total += part.sum().item()
            count += part.numel()
    model.train()
    assert count == n - 1, (count, n)
    return total / count


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--lang", choices=["en", "zh"], required=True)
    p.add_argument("--data", default="training/build")
    p.add_argument("--out", default="public/models")
    p.add_argument("--minutes", type=float, default=28.0)
    p.add_argument("--steps", type=int, default=None, help="schedule length (default per language)")
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=None)
    p.add_argument("--eval-every", type=int, default=250)
    p.add_argument("--eval-tokens", type=int, default=30000, help="tokens of each validation source read while training")
    p.add_argument("--final-tokens", type=int, default=None, help="tokens of each source for the final measure (default all)")
    p.add_argument("--patience", type=int, default=6, help="evaluations without improvement before stopping")
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--size", default=None, help="override the shape: d,layers,heads (e.g. 160,4,4)")
    p.add_argument("--dropout", type=float, default=None, help="override the language's dropout")
    p.add_argument("--smoothing", type=float, default=None, help="override the language's label smoothing")
    p.add_argument("--weight", action="append", default=[], help="source=w: sample that source w times as often per token")
    p.add_argument("--threads", type=int, default=1, help="one thread: the shipped models are reproducible bit for bit")
    p.add_argument("--no-export", action="store_true", help="measure only: write no model")
    p.add_argument("--weights", default=None, help="where to keep the weights (default <data>/<lang>/weights.pt)")
    args = p.parse_args()
    cfg = dict(CONFIG[args.lang])
    for k in ("lr", "dropout", "smoothing"):
        if getattr(args, k) is not None:
            cfg[k] = getattr(args, k)
    if args.size:
        cfg["d"], cfg["layers"], cfg["heads"] = (int(v) for v in args.size.split(","))
    weights_by_source = dict(cfg["weights"])
    for w in args.weight:
        k, v = w.split("=")
        weights_by_source[k] = float(v)

    torch.manual_seed(args.seed)
    random.seed(args.seed)
    rng = np.random.default_rng(args.seed)
    torch.set_num_threads(args.threads)

    src = os.path.join(args.data, args.lang)
    stats = json.load(open(os.path.join(src, "stats.json"), encoding="utf-8"))
    names = [s["name"] for s in stats["sources"]]
    train_sources = {n: np.fromfile(os.path.join(src, f"train-{n}.bin"), dtype="<u2") for n in names}
    train_sources = {n: t for n, t in train_sources.items() if len(t) > cfg["context"] + 1}
    valid_sources = {
        n: np.fromfile(os.path.join(src, f"valid-{n}.bin"), dtype="<u2")
        for n in names
        if os.path.exists(os.path.join(src, f"valid-{n}.bin"))
    }
    valid_sources = {n: v for n, v in valid_sources.items() if len(v) > 1}
    train_names = list(train_sources)
    mass = np.array([len(train_sources[n]) * weights_by_source.get(n, 1.0) for n in train_names])
    probs = mass / mass.sum()
    baselines_path = os.path.join(src, "baselines.json")
    baselines = json.load(open(baselines_path))["sources"] if os.path.exists(baselines_path) else {}
    vocab = json.load(open(os.path.join(src, "vocab.json"), encoding="utf-8"))
    model = TinyLM(len(vocab["tokens"]), d=cfg["d"], layers=cfg["layers"], heads=cfg["heads"], context=cfg["context"], dropout=cfg["dropout"])
    params = sum(p.numel() for p in model.parameters())
    train_tokens = sum(len(t) for t in train_sources.values())
    print(
        f"{args.lang}: {params:,} parameters, {train_tokens:,} train tokens, sampled "
        + ", ".join(f"{n} {p:.1%}" for n, p in zip(train_names, probs))
        + f"; valid {', '.join(f'{n} {len(v):,}' for n, v in valid_sources.items())}; {cfg}",
        flush=True,
    )

    def validate(max_tokens=None, stride=None):
        """Each source's loss apart; the model is chosen by their mean (every source counts the same,
        so the project's own writing cannot hide text from elsewhere)."""
        losses = {n: sliding_loss(model, v, cfg["context"], stride=stride, max_tokens=max_tokens) for n, v in valid_sources.items()}
        return sum(losses.values()) / len(losses), losses

    def describe(losses):
        parts = []
        for n, l in losses.items():
            ratio = f" ({math.exp(l) / baselines[n]['fivegram']:.3f}× 5-gram)" if n in baselines else ""
            parts.append(f"{n} {math.exp(l):.1f}{ratio}")
        return ", ".join(parts)

    opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], betas=(0.9, 0.98), weight_decay=cfg["weight_decay"])
    budget = args.minutes * 60
    steps = args.steps or cfg["steps"]
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
        lr = cfg["lr"] * min(1.0, (step + 1) / warmup) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * step / steps)))
        for g in opt.param_groups:
            g["lr"] = lr
        x, y = batches([train_sources[n] for n in train_names], probs, cfg["context"], args.batch, rng)
        logits = model(x).reshape(-1, model.tok.num_embeddings)
        loss = F.cross_entropy(logits, y.reshape(-1), label_smoothing=cfg["smoothing"])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        if step % args.eval_every == 0 or step == steps:
            v, losses = validate(args.eval_tokens)
            history.append(
                dict(
                    step=step,
                    seconds=round(time.time() - start),
                    train_loss=round(loss.item(), 4),
                    valid_loss=round(v, 4),
                    valid_by_source={n: round(l, 4) for n, l in losses.items()},
                )
            )
            print(f"step {step} {time.time() - start:.0f}s train {loss.item():.3f} valid {v:.3f}: {describe(losses)}", flush=True)
            if v < best - 1e-4:
                best, best_step, bad = v, step, 0
                best_state = {k: t.detach().clone() for k, t in model.state_dict().items()}
            else:
                bad += 1
                if bad >= args.patience:
                    print("early stop", flush=True)
                    stopped_by = "early stopping"
                    break
    if step != (history[-1]["step"] if history else 0):
        # Stopped by the time budget between evaluations: the last weights count too.
        v, _ = validate(args.eval_tokens)
        if v < best - 1e-4:
            best, best_step, best_state = v, step, {k: t.detach().clone() for k, t in model.state_dict().items()}
    model.load_state_dict(best_state)
    model.eval()
    seconds = time.time() - start
    _, final = validate(args.final_tokens, stride=16)
    print(f"kept step {best_step}, {seconds / 60:.1f} min; all validation text: {describe(final)}", flush=True)
    passes = step * args.batch * cfg["context"] / train_tokens
    card = dict(
        lang=args.lang,
        parameters=params,
        vocabSize=len(vocab["tokens"]),
        context=cfg["context"],
        layers=cfg["layers"],
        heads=cfg["heads"],
        dModel=cfg["d"],
        training=dict(
            lr=cfg["lr"],
            dropout=cfg["dropout"],
            labelSmoothing=cfg["smoothing"],
            weightDecay=cfg["weight_decay"],
            batch=args.batch,
            sampledShare={n: round(float(p), 4) for n, p in zip(train_names, probs)},
            passes=round(passes, 2),
        ),
        seed=args.seed,
        threads=args.threads,
        trainSteps=step,
        weightsFromStep=best_step,
        plannedSteps=steps,
        stoppedBy=stopped_by,
        trainSeconds=round(seconds),
        trainTokens=int(train_tokens),
        validTokens={n: int(len(v)) for n, v in valid_sources.items()},
        validPerplexityTorch={n: round(math.exp(l), 3) for n, l in final.items()},
        trainedWith=dict(torch=torch.__version__),
        history=history,
    )
    runs = os.path.join(args.data, "runs.jsonl")
    with open(runs, "a") as f:
        f.write(json.dumps(dict(card, history=None, args=vars(args), baselines=baselines)) + "\n")
    if args.no_export:
        return
    # The weights themselves, so a new export (another opset, a leaner graph) needs no retraining.
    torch.save(model.state_dict(), args.weights or os.path.join(src, "weights.pt"))
    export(model, vocab, card, os.path.join(args.out, args.lang), args.data)


if __name__ == "__main__":
    main()
