"""Export a model again with the current export.py, without training it again.

    /usr/bin/python3 training/reexport.py en|zh [--src public/models/<lang>] [--data training/build]

The weights come from <data>/<lang>/weights.pt when training left it there, else from <src>/model.onnx
itself (a fresh clone: training/build is not in git). Each initializer there is named after its PyTorch
parameter (`.T`: stored transposed; `_fp16`: stored as fp16 behind a Cast; `_q8` and `_scale`: int8
with a scale per row), so the file is read back by name; the weights are stored rounded, so the rebuilt
PyTorch model is the shipped one, and int8 files keep their scales, so they export to the same bytes. Before anything
is written, the rebuilt model must give the old fixture's logits (1e-4), and after, the same fixture
inputs are kept and the new logits compared with the old.
"""
import argparse
import json
import math
import os
import re
import sys
import tempfile

import numpy as np
import onnx
import torch
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(__file__))
from model import ExportWrapper, TinyLM  # noqa: E402
from export import NF4, export, round_weights  # noqa: E402


def legacy_name(graph, name):
    """Files exported before the weights were named (up to commit 0e8e92b) hold a Linear weight as a
    generated `onnx::MatMul_<n>`: its parameter is the one of the MatMul node that reads it,
    `/blocks.<i>/<layer>/MatMul`, stored transposed."""
    users = [n.name for n in graph.node if name in n.input and n.op_type == "MatMul"]
    hit = re.fullmatch(r"/(blocks\.\d+/\w+)/MatMul", users[0]) if len(users) == 1 else None
    assert hit, f"{name}: read by {users}, not by one Linear layer"
    return "model." + hit.group(1).replace("/", ".") + ".weight.T"


def read_weights(path):
    """The state dict of TinyLM back from an exported file, every tensor found by its name, and the
    int8 or NF4 scales by parameter name."""
    g = onnx.load(path).graph
    sd, scales = {}, {}
    stored = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    for init in g.initializer:
        if init.name.endswith(("_scale", "_scale16", "_shape")) or init.name.startswith("nf4_"):
            continue
        if init.name.endswith("_nf4"):
            base = init.name.removesuffix("_nf4")
            packed = stored[init.name]
            codes = np.stack([packed & 15, packed >> 4], axis=-1).reshape(tuple(stored[base + "_shape"]))
            s = stored[base + "_scale16"].astype(np.float32)
            a = NF4[codes] * s + 0.0  # in the parameter's own orientation, even for a `.T` name
            scales[base.removesuffix(".T").removeprefix("model.")] = torch.from_numpy(s.reshape(-1).copy())
            name = base.removesuffix(".T")
        elif init.name.endswith("_q8"):
            base = init.name.removesuffix("_q8")
            s = stored[base + "_scale"].astype(np.float32)
            a = stored[init.name].astype(np.float32) * s
            scales[base.removesuffix(".T").removeprefix("model.")] = torch.from_numpy(s.reshape(-1).copy())
            name = base
        else:
            name = init.name.removesuffix("_fp16")
            a = None
        if name.startswith("onnx::"):
            name = legacy_name(g, name)
        if a is None:
            a = numpy_helper.to_array(init).astype(np.float32)
        if name.endswith(".T"):
            name, a = name.removesuffix(".T"), a.T
        assert name.startswith("model.") and name.removeprefix("model.") not in sd, f"unexpected {init.name}"
        sd[name.removeprefix("model.")] = torch.from_numpy(np.ascontiguousarray(a))
    return sd, scales


def kept_step(card):
    """The training step the kept weights come from. Cards written before train.py recorded it: the
    evaluation whose perplexity is the card's, else the final weights (kept when they beat every
    evaluation)."""
    if "weightsFromStep" in card:
        return card["weightsFromStep"]
    if "history" not in card:  # a model trained by another script (training/arith.py): its last step
        return card.get("trainSteps", card.get("steps"))
    steps = [h["step"] for h in card["history"] if math.isclose(math.exp(h["valid_loss"]), card["validPerplexityTorch"], rel_tol=1e-12)]
    return steps[-1] if steps else card["trainSteps"]


def worst(old_cases, logits_of):
    return max(float(np.abs(np.asarray(logits_of(c["ids"])) - np.array(c["logits"])).max()) for c in old_cases)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("lang")
    p.add_argument("--src", default=None, help="default public/models/<lang>")
    p.add_argument("--data", default="training/build")
    p.add_argument("--storage", choices=["nf4", "int8", "fp16"], default=None, help="store the weights another way (default: as the file does)")
    args = p.parse_args()
    src = args.src or f"public/models/{args.lang}"
    card = json.load(open(f"{src}/card.json", encoding="utf-8"))
    vocab = json.load(open(f"{src}/vocab.json", encoding="utf-8"))
    old = json.load(open(f"{src}/fixture.json"))
    old_bytes = os.path.getsize(f"{src}/model.onnx")
    model = TinyLM(len(vocab["tokens"]), d=card["dModel"], layers=card["layers"], heads=card["heads"], context=card["context"], dropout=0.0)
    pt = os.path.join(args.data, args.lang, "weights.pt")
    storage = card.get("storage", "fp16")  # files from before int8 storage say nothing
    if os.path.exists(pt):
        (weights, scales), origin = (torch.load(pt), None), pt
    else:
        (weights, scales), origin = read_weights(f"{src}/model.onnx"), f"{src}/model.onnx"
    model.load_state_dict(weights)  # strict: every parameter named, none left over
    model.eval()

    def logits_of(ids):
        wrapper = ExportWrapper(model).eval()
        with torch.no_grad():
            return wrapper(torch.tensor(ids)[None], wrapper.empty_past())[0][0].numpy()

    if args.storage and args.storage != storage:
        # Stored another way: the weights as the file holds them must still give the old fixture,
        # then they are rounded to the new grid (new scales), and the new fixture says by how much.
        unrounded = worst(old["cases"], logits_of)
        assert unrounded < 1e-4, f"the weights from {origin} differ from the shipped model: {unrounded}"
        storage, scales = args.storage, None
        converted = True
    else:
        converted = False
    scales = round_weights(model, storage, scales)  # as export does (weights.pt holds them unrounded)
    step = kept_step(card)
    assert card.get("weightsFromStep", step) == step, f"card says step {card['weightsFromStep']}, history {step}"
    card["weightsFromStep"] = step

    before = worst(old["cases"], logits_of)
    assert converted or before < 1e-4, f"the weights from {origin} differ from the shipped model: {before}"
    with tempfile.TemporaryDirectory() as out:
        export(model, vocab, dict(card), out, args.data, [c["ids"] for c in old["cases"]], storage, scales)
        new = json.load(open(os.path.join(out, "fixture.json")))
        after = max(float(np.abs(np.array(n["logits"]) - np.array(o["logits"])).max()) for n, o in zip(new["cases"], old["cases"]))
        for f in ["model.onnx", "fixture.json", "card.json"]:
            os.replace(os.path.join(out, f), os.path.join(src, f))
    new_bytes = os.path.getsize(f"{src}/model.onnx")
    print(
        f"{args.lang}: exported again from {origin} (weights of step {step}); logits vs the old fixture: "
        f"rebuilt PyTorch {before:.2e}, new fixture {after:.2e}; model.onnx {old_bytes:,} → {new_bytes:,} bytes"
    )


if __name__ == "__main__":
    main()
