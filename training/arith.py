"""Two tiny character-level models for the level "Give it a calculator" (issue 16).

    nice -n 10 /usr/bin/python3 training/arith.py --which guess   # writes public/models/arith/guess/
    nice -n 10 /usr/bin/python3 training/arith.py --which tool    # writes public/models/arith/tool/
    /usr/bin/python3 training/arith.py --card                     # both tables into public/models/arith/card.json

Both are the project's TinyLM (training/model.py), exported by training/export.py, trained on generated
lines of arithmetic, one problem a line, both numbers with the same number of digits (1 to 4):

    guess:  "23+58=81"              the model writes the answer itself
    tool:   "23+58=[calc 23+58]81"  the model writes a call to the calculator; in the game the calculator
                                    writes the answer after the "]" (plugged in), or the model goes on by
                                    itself (unplugged)

The loss is on what comes after "=" (the numbers before it are random: nothing to learn). The test
problems (10 for each operation and number of digits, plus 400 more for 2 to 4 digits) are drawn first
with their own seed and never appear in training. The problems and the accuracy by number of digits go
to public/data/calculator/problems.json and public/models/arith/card.json; tests/unit/calculatorModel.test.ts
runs the same problems through onnxruntime-web and the game's own loop and must write the same lines
(tests/unit/fixtures/arith-answers.json).
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

VOCAB = ["<pad>", "\n", *"0123456789", "+", "×", "=", "[", "]", "c", "a", "l", " "]
ID = {c: i for i, c in enumerate(VOCAB)}
PAD, NL = 0, 1
OPS = ["+", "×"]
DIGITS = [1, 2, 3, 4]
PER_CELL = 10  # test problems the level runs: per operation and number of digits
MORE = 400  # more test problems, per operation and number of digits 2–4, for the card only
TEST_SEED = 1616
CONFIG = dict(d=64, layers=3, heads=4, context=40, dropout=0.0, lr=3e-3, weight_decay=0.01, batch=64)
STEPS = {"guess": 3000, "tool": 1500}
OUT = "public/models/arith"
DATA = "public/data/calculator/problems.json"
FIXTURE = "tests/unit/fixtures/arith-answers.json"


def solve(a, op, b):
    return a + b if op == "+" else a * b


def draw(rng, n):
    lo = 0 if n == 1 else 10 ** (n - 1)
    return rng.randint(lo, 10**n - 1)


def test_sets():
    """The held-out problems: (a, op, b) per (op, n). The level's: PER_CELL each; the card's more."""
    rng = random.Random(TEST_SEED)
    level, more, held = {}, {}, set()
    for op in OPS:
        for n in DIGITS:
            cell = []
            while len(cell) < PER_CELL:
                p = (draw(rng, n), op, draw(rng, n))
                if p not in held:
                    held.add(p)
                    cell.append(p)
            level[(op, n)] = cell
    for op in OPS:
        for n in DIGITS[1:]:
            cell = []
            while len(cell) < MORE:
                p = (draw(rng, n), op, draw(rng, n))
                if p not in held:
                    held.add(p)
                    cell.append(p)
            more[(op, n)] = cell
    return level, more, held


def line(p, which):
    a, op, b = p
    q = f"{a}{op}{b}"
    return f"\n{q}=" + (f"[calc {q}]" if which == "tool" else "") + f"{solve(*p)}\n"


def batch(rng, held, which, size, length):
    x = torch.full((size, length), PAD, dtype=torch.long)
    y = torch.full((size, length), -100, dtype=torch.long)
    for r in range(size):
        while True:
            n = rng.choice(DIGITS)
            p = (draw(rng, n), rng.choice(OPS), draw(rng, n))
            if p not in held:
                break
        ids = [ID[c] for c in line(p, which)]
        eq = ids.index(ID["="])
        x[r, : len(ids) - 1] = torch.tensor(ids[:-1])
        # Targets: every character after "=" (the answer, the call), and the end of the line.
        y[r, eq : len(ids) - 1] = torch.tensor(ids[eq + 1 :])
    return x, y


@torch.no_grad()
def complete(model, prompts, mode, max_new=24):
    """Greedy, as the game does it (src/lessons/calculator.ts): `prompts` of one length. mode: "guess"
    (the answer is what the model writes up to the end of the line), "plugged" (when the model closes a
    "[calc …]" the calculator's answer is the answer) or "unplugged" (nothing comes back: the model goes
    on after the "]" by itself). Returns the text written after each prompt (the calculator's part too)."""
    model.eval()
    rows = [[ID[c] for c in p] for p in prompts]
    done = [False] * len(rows)
    written = [""] * len(rows)
    for _ in range(max_new):
        live = [i for i in range(len(rows)) if not done[i]]
        if not live:
            break
        # Rows of one length go together (all start equal and grow one character a step).
        groups = {}
        for i in live:
            groups.setdefault(len(rows[i]), []).append(i)
        for length, idx in groups.items():
            x = torch.tensor([rows[i][-model.context :] for i in idx])
            nxt = model(x)[:, -1, :]
            nxt[:, PAD] = -math.inf
            for i, t in zip(idx, nxt.argmax(-1).tolist()):
                c = VOCAB[t]
                if c == "\n":
                    done[i] = True
                    continue
                rows[i].append(t)
                written[i] += c
                if mode == "plugged" and c == "]":
                    answer = calculator(written[i])
                    if answer is not None:
                        written[i] += answer
                        done[i] = True
    return written


def calculator(text):
    """The answer to the last "[calc a op b]" that ends `text`, or None when it is not one."""
    start = text.rfind("[calc ")
    if start < 0 or not text.endswith("]"):
        return None
    q = text[start + 6 : -1]
    for op in OPS:
        parts = q.split(op)
        if len(parts) == 2 and all(s.isdigit() and len(s) <= 6 for s in parts):
            return str(solve(int(parts[0]), op, int(parts[1])))
    return None


def answer_of(written):
    """The number a line ends with after "=" (after the call's "]" when there is one)."""
    tail = written[written.rfind("]") + 1 :] if "]" in written else written
    return tail if tail.isdigit() else None


def accuracy(model, sets, mode):
    """Right answers by (op, n): {op: {n: [right, total]}}, and every answer written."""
    table, written_all = {}, {}
    for (op, n), cell in sets.items():
        prompts = [f"\n{a}{op}{b}=" for a, op, b in cell]
        written = complete(model, prompts, mode)
        right = sum(answer_of(w) == str(solve(*p)) for w, p in zip(written, cell))
        table.setdefault(op, {})[str(n)] = [right, len(cell)]
        written_all[(op, n)] = written
    return table, written_all


def train(which, threads, minutes):
    torch.set_num_threads(threads)
    torch.manual_seed(16)
    rng = random.Random(16 if which == "guess" else 17)
    level, more, held = test_sets()
    cfg = CONFIG
    model = TinyLM(len(VOCAB), cfg["d"], cfg["layers"], cfg["heads"], cfg["context"], cfg["dropout"])
    params = sum(p.numel() for p in model.parameters())
    opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], weight_decay=cfg["weight_decay"], betas=(0.9, 0.98))
    steps = STEPS[which]
    warm = 200
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1, (s + 1) / warm) * 0.5 * (1 + math.cos(math.pi * min(s, steps) / steps))
    )
    length = 36 if which == "tool" else 20
    t0 = time.time()
    model.train()
    done = 0
    for step in range(steps):
        x, y = batch(rng, held, which, cfg["batch"], length)
        logits = model(x)
        loss = F.cross_entropy(logits.reshape(-1, len(VOCAB)), y.reshape(-1), ignore_index=-100)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        done = step + 1
        if step % 100 == 0 or step == steps - 1:
            print(f"{which} step {step} loss {loss.item():.4f} {(time.time() - t0) / 60:.1f} min", flush=True)
        if time.time() - t0 > minutes * 60:
            print(f"time limit at step {step}", flush=True)
            break
    train_minutes = (time.time() - t0) / 60
    card = dict(
        name=f"arith-{which}",
        lang="arith",
        kind="character-level TinyLM (training/model.py) on generated arithmetic lines",
        example=line((37, "×", 48), which).strip(),
        vocab=VOCAB,
        vocabSize=len(VOCAB),
        context=cfg["context"],
        dModel=cfg["d"],
        layers=cfg["layers"],
        heads=cfg["heads"],
        parameters=params,
        steps=done,
        batch=cfg["batch"],
        lr=cfg["lr"],
        seed=16,
        threads=threads,
        trainMinutes=round(train_minutes, 1),
        heldOut=f"{len(held)} test problems (seed {TEST_SEED}) never drawn in training",
        validPerplexityTorch=None,  # no validation text: see the accuracy tables of ../card.json
    )
    out = os.path.join(OUT, which)
    cases = [[NL] + [ID[c] for c in "23+58="], [NL] + [ID[c] for c in line((37, "×", 48), which).strip()]]
    export(model, {"tokens": VOCAB}, card, out, cases_ids=cases)
    torch.save(model.state_dict(), os.path.join("training/build", f"arith-{which}.pt"))
    print(f"{which}: {done} steps in {train_minutes:.1f} min, {params:,} parameters", flush=True)


def load(which):
    cfg = CONFIG
    model = TinyLM(len(VOCAB), cfg["d"], cfg["layers"], cfg["heads"], cfg["context"], cfg["dropout"])
    # The weights as exported (rounded to their int8 grid), so the tables are the shipped model's.
    model.load_state_dict(torch.load(os.path.join("training/build", f"arith-{which}.pt")))
    return model.eval()


def by_digits(table):
    """{op: {n: [right, total]}} → {n: percent} over both operations."""
    out = {}
    for n in sorted({n for cells in table.values() for n in cells}, key=int):
        right = sum(cells[n][0] for cells in table.values() if n in cells)
        total = sum(cells[n][1] for cells in table.values() if n in cells)
        out[n] = round(100 * right / total, 1)
    return out


def write_card(threads):
    torch.set_num_threads(threads)
    level, more, held = test_sets()
    guess, tool = load("guess"), load("tool")
    runs = {"guess": (guess, "guess"), "plugged": (tool, "plugged"), "unplugged": (tool, "unplugged")}
    tables, more_tables, answers = {}, {}, {}
    for name, (model, mode) in runs.items():
        tables[name], written = accuracy(model, level, mode)
        answers[name] = {f"{op}{n}": w for (op, n), w in written.items()}
        more_tables[name], _ = accuracy(model, more, mode)
        print(name, by_digits(tables[name]), by_digits(more_tables[name]), flush=True)
    cards = {w: json.load(open(os.path.join(OUT, w, "card.json"), encoding="utf-8")) for w in ("guess", "tool")}
    card = dict(
        about="Two tiny character-level models for the level 'Give it a calculator' (training/arith.py). "
        "Accuracy: percent of held-out problems (never in training) answered exactly, greedy, by number of "
        "digits of both numbers; + and × together. guess: the model alone. plugged: the tool model, the "
        "calculator answering its call. unplugged: the tool model, nothing answering its call.",
        models={w: {k: cards[w][k] for k in ("example", "parameters", "steps", "trainMinutes", "threads", "bytes", "sha256")} for w in cards},
        levelProblems=f"{PER_CELL} per operation and number of digits ({DATA})",
        accuracyByDigits={k: by_digits(v) for k, v in tables.items()},
        accuracyByOperation=tables,
        moreProblems=f"{MORE} more per operation and number of digits 2–4, also held out",
        moreAccuracyByDigits={k: by_digits(v) for k, v in more_tables.items()},
        moreAccuracyByOperation=more_tables,
    )
    with open(os.path.join(OUT, "card.json"), "w", encoding="utf-8") as f:
        json.dump(card, f, ensure_ascii=False, indent=2)
    os.makedirs(os.path.dirname(DATA), exist_ok=True)
    problems = [dict(a=a, op=op, b=b, digits=n) for (op, n), cell in level.items() for a, _, b in cell]
    with open(DATA, "w", encoding="utf-8") as f:
        json.dump(dict(about="held-out test problems (never in training), written by training/arith.py",
                       problems=problems), f, ensure_ascii=False)
    # What PyTorch wrote for each of them: the unit test checks that onnxruntime-web and the game's loop write the same.
    with open(FIXTURE, "w", encoding="utf-8") as f:
        json.dump(answers, f, ensure_ascii=False)
    print("wrote", os.path.join(OUT, "card.json"), DATA, FIXTURE)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--which", choices=["guess", "tool"])
    p.add_argument("--card", action="store_true")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--minutes", type=float, default=10)
    args = p.parse_args()
    os.makedirs("training/build", exist_ok=True)
    if args.card:
        write_card(args.threads)
    else:
        train(args.which, args.threads, args.minutes)


if __name__ == "__main__":
    main()
