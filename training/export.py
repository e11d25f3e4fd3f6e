"""Export a trained TinyLM for the app: ONNX (opset 17) with 4-bit weights (NF4: sixteen levels with
a scale per row of each matrix) named after their PyTorch parameters, a model card and a fixture of
PyTorch's logits for fixed inputs.

The graph itself stays fp32: each stored matrix is unpacked from its bytes (two 4-bit codes a byte),
looked up in the sixteen NF4 levels and multiplied by its rows' scales, all over constants, which
onnxruntime folds once when the session is made, so the app computes with plain fp32 weights and the
file holds about half a byte a weight. `storage="int8"` keeps the former int8 form (`Mul(Cast(int8),
scale)`, one byte a weight) and `storage="fp16"` the fp16-behind-a-Cast one. Measured on held-out
text (training/README.md): NF4 with a scale per row costs 1.3–2.1 % perplexity against int8 and halves
the bytes."""
import hashlib
import json
import math
import os

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto
import torch

from model import ExportWrapper

OPSET = 17
MIN_ELEMENTS = 256  # matrices are stored small; small vectors (biases, LayerNorm) stay fp32
STORAGE = "nf4"
# The sixteen levels of NF4 (Dettmers et al. 2023, QLoRA): quantiles of a normal distribution scaled to
# [−1, 1], with an exact zero; a row's weights are stored as the nearest level times the row's max |w|.
NF4 = np.array(
    [
        -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635,
        -0.18477343022823334, -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725,
        0.24611230194568634, 0.33791524171829224, 0.44070982933044434, 0.5626170039176941,
        0.7229568362236023, 1.0,
    ],
    dtype=np.float32,
)


def row_scales(w):
    """Symmetric int8 scales, one per row (a Linear's output, an embedding's token): max |w| / 127."""
    m = w.detach().abs().amax(dim=1).float()
    return torch.where(m > 0, m / 127, torch.ones_like(m))


def nf4_scales(w):
    """NF4 scales, one per row: max |w|, rounded to fp16 (as the file stores them)."""
    m = w.detach().abs().amax(dim=1).float()
    return torch.where(m > 0, m, torch.ones_like(m)).half().float()


def nf4_codes(w, s):
    """The nearest NF4 level (0 … 15) of each weight of `w` [rows, cols], its rows' scales `s` [rows]."""
    levels = torch.from_numpy(NF4)
    return (w / s.reshape(-1, 1)).unsqueeze(-1).sub(levels).abs().argmin(-1)


def round_weights(model, storage=STORAGE, scales=None):
    """Round the weights that will be stored small, so PyTorch and ONNX compute the same thing.
    int8: w = round(w / s) · s with s the row's scale; nf4: w = NF4[code] · s with s the row's max |w|
    (`scales` by parameter name: reuse those, so a file read back exports to the same bytes). Returns
    the scales used, by parameter name."""
    used = {}
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.numel() < MIN_ELEMENTS:
                continue
            if storage == "fp16" or p.dim() < 2:  # a long bias vector: fp16
                p.copy_(p.half().float())
                continue
            if storage == "nf4":
                s = scales[name] if scales and name in scales else nf4_scales(p)
                s = s.reshape(-1).float()
                p.copy_(torch.from_numpy(NF4)[nf4_codes(p, s)] * s.reshape(-1, 1) + 0.0)
                used[name] = s.clone()
                continue
            s = scales[name] if scales and name in scales else row_scales(p)
            s = s.reshape(-1, 1).float()
            # + 0.0: a weight rounded to −0 is +0, as the int8 file gives it back.
            p.copy_(torch.clamp(torch.round(p / s), -127, 127) * s + 0.0)
            used[name] = s.reshape(-1).clone()
    return used


def name_weights(m, params):
    """Give every initializer the name of the PyTorch parameter it holds. torch 1.13 keeps the names of
    the parameters it stores as they are, but a weight it stores transposed (a Linear's, as a MatMul
    input; the tied output layer's) gets a generated `onnx::MatMul_<n>`: that one is found by comparing
    tensors and named `<parameter>.T`. Every initializer must be a parameter and every parameter in the
    file, or the export fails."""
    g = m.graph
    rename = {}
    for init in g.initializer:
        if init.name in params:
            continue
        a = numpy_helper.to_array(init)
        hits = [k for k, v in params.items() if v.shape == a.shape[::-1] and np.array_equal(v.T, a)]
        assert len(hits) == 1, f"initializer {init.name} {a.shape}: {len(hits)} parameters match it"
        rename[init.name] = hits[0] + ".T"
    names = [rename.get(i.name, i.name) for i in g.initializer]
    assert len(set(names)) == len(names), f"two initializers hold the same parameter: {names}"
    missing = set(params) - {n.removesuffix(".T") for n in names}
    assert not missing, f"parameters not in the exported file: {sorted(missing)}"
    assert not rename.keys() & {i.name for i in g.input}, "a renamed initializer is also a graph input"
    for init in g.initializer:
        init.name = rename.get(init.name, init.name)
    for node in g.node:
        node.input[:] = [rename.get(x, x) for x in node.input]
    return m


def shrink(m, storage=STORAGE, scales=None):
    """Store big float initializers small behind a Cast (int8: and a Mul by the rows' scales), both
    folded by onnxruntime at load, and make the transposed copy of the tied embedding
    (`model.tok.weight.T`, stored again by torch 1.13) a Transpose of the one matrix instead of a
    second copy. `scales`: the int8 scales by parameter name (`model.` prefix), as round_weights used."""
    g = m.graph
    inits = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    new_nodes, keep = [], []
    big = {n: a for n, a in inits.items() if a.dtype == np.float32 and a.size >= MIN_ELEMENTS}
    # A transposed copy of a parameter that is also stored as it is: a tied weight.
    tied = {n: n.removesuffix(".T") for n in inits if n.endswith(".T") and n.removesuffix(".T") in inits}
    for init in g.initializer:
        name = init.name
        if name in tied:
            new_nodes.append(helper.make_node("Transpose", [tied[name]], [name], perm=[1, 0], name=f"tied_{name}"))
        elif name in big and name.removesuffix(".T") in (scales or {}) and storage == "nf4":
            nf4_nodes(name, big[name], scales[name.removesuffix(".T")].numpy().astype(np.float32), keep, new_nodes)
        elif name in big and name.removesuffix(".T") in (scales or {}):
            a = big[name]
            param = name.removesuffix(".T")
            s = scales[param].numpy().astype(np.float32)
            # A transposed weight ([in, out]) has its rows' scales along its columns.
            s = s.reshape(1, -1) if name.endswith(".T") else s.reshape(-1, 1)
            q = np.clip(np.round(a / s), -127, 127).astype(np.int8)
            assert np.array_equal(q.astype(np.float32) * s, a), f"{name} was not rounded to its int8 grid"
            keep.append(numpy_helper.from_array(q, name + "_q8"))
            keep.append(numpy_helper.from_array(s, name + "_scale"))
            new_nodes.append(helper.make_node("Cast", [name + "_q8"], [name + "_int"], to=TensorProto.FLOAT, name=f"cast_{name}"))
            new_nodes.append(helper.make_node("Mul", [name + "_int", name + "_scale"], [name], name=f"scale_{name}"))
        elif name in big:
            half = name + "_fp16"
            keep.append(numpy_helper.from_array(big[name].astype(np.float16), half))
            new_nodes.append(helper.make_node("Cast", [half], [name], to=TensorProto.FLOAT, name=f"cast_{name}"))
        else:
            keep.append(init)
    del g.initializer[:]
    g.initializer.extend(keep)
    nodes = list(g.node)
    del g.node[:]
    # The weights' own nodes first, in the order they were made (each reads only constants and the
    # nodes before it), the tied Transposes after the matrices they read, then the model.
    g.node.extend([n for n in new_nodes if not n.name.startswith("tied_")] + [n for n in new_nodes if n.name.startswith("tied_")] + nodes)
    return len(tied)


def nf4_nodes(name, a, s, keep, nodes):
    """`name` (a [rows, cols] matrix, or `.T`: its parameter transposed) as NF4: its codes two a byte
    (`_nf4`, the low 4 bits first, in the parameter's row order), its rows' scales as fp16 (`_scale16`),
    and the nodes that rebuild it: each byte → its two levels (two 256-entry tables) → × the rows' scales."""
    w = a.T if name.endswith(".T") else a
    rows, cols = w.shape
    assert (rows * cols) % 2 == 0, f"{name}: an odd number of weights"
    codes = nf4_codes(torch.from_numpy(np.ascontiguousarray(w)), torch.from_numpy(s)).numpy().astype(np.uint8)
    assert np.array_equal(NF4[codes] * s.reshape(-1, 1) + 0.0, w), f"{name} was not rounded to its NF4 grid"
    flat = codes.reshape(-1)
    packed = (flat[0::2] | (flat[1::2] << 4)).astype(np.uint8)
    c = lambda suffix, value: keep.append(numpy_helper.from_array(np.asarray(value), f"{name}_{suffix}"))
    c("nf4", packed)
    c("scale16", s.reshape(-1, 1).astype(np.float16))
    c("shape", np.array([rows, cols], dtype=np.int64))
    n = lambda op, inputs, out, **kw: nodes.append(
        helper.make_node(op, [i if i.startswith("nf4_") else f"{name}_{i}" for i in inputs], [f"{name}_{out}" if out != name else out], name=f"{out}_{name}", **kw)
    )
    # Each byte looks its two levels up at once: a 256-entry table for the low code, one for the high.
    n("Cast", ["nf4"], "bytes", to=TensorProto.INT32)
    n("Gather", ["nf4_low", "bytes"], "low", axis=0)
    n("Gather", ["nf4_high", "bytes"], "high", axis=0)
    n("Unsqueeze", ["low", "nf4_last"], "low1")
    n("Unsqueeze", ["high", "nf4_last"], "high1")
    n("Concat", ["low1", "high1"], "pairs", axis=-1)
    n("Reshape", ["pairs", "shape"], "levels")
    n("Cast", ["scale16"], "scale", to=TensorProto.FLOAT)
    if name.endswith(".T"):
        n("Mul", ["levels", "scale"], "rows")
        nodes.append(helper.make_node("Transpose", [f"{name}_rows"], [name], perm=[1, 0], name=f"transpose_{name}"))
    else:
        nodes.append(helper.make_node("Mul", [f"{name}_levels", f"{name}_scale"], [name], name=f"nf4_{name}"))


def nf4_constants(g):
    """The constants every NF4 matrix's nodes share: the level of each byte's low and high code
    (`nf4_low`, `nf4_high`: 256 entries each, from the sixteen levels) and the axis −1."""
    names = {i.name for i in g.initializer}
    if not any(n.endswith("_nf4") for n in names) or "nf4_low" in names:
        return
    b = np.arange(256)
    g.initializer.extend(
        [
            numpy_helper.from_array(NF4[b & 15], "nf4_low"),
            numpy_helper.from_array(NF4[b >> 4], "nf4_high"),
            numpy_helper.from_array(np.array([-1], dtype=np.int64), "nf4_last"),
        ]
    )


def fixture_ids(valid, context):
    """The fixture's inputs: four windows of the validation tokens, of 1, 9, 33 and `context` tokens."""
    out = []
    for start, length in [(0, 1), (5, 9), (100, 33), (1000, context)]:
        start = min(start, len(valid) - length)
        out.append(valid[start : start + length].tolist())
    return out


def export(model, vocab, card, out, data_dir="training/build", cases_ids=None, storage=STORAGE, scales=None):
    """Writes model.onnx, fixture.json, vocab.json and card.json to `out` (the token embeddings are
    read out of model.onnx where a level needs them: training/embeddings.py). The fixture's
    inputs are `cases_ids` or, without them, windows of <data_dir>/<lang>/valid.bin; the card's data
    fields come from <data_dir>/<lang>/stats.json when it is there and are kept as they are when not."""
    os.makedirs(out, exist_ok=True)
    model.eval()
    used = round_weights(model, storage, scales)
    wrapper = ExportWrapper(model).eval()
    path = os.path.join(out, "model.onnx")
    # Example inputs for the trace (their values do not reach the file).
    gen = torch.Generator().manual_seed(0)
    dummy = torch.randint(4, model.tok.num_embeddings, (1, 5), generator=gen)
    heads = model.blocks[0].heads
    d = model.tok.embedding_dim
    dummy_past = torch.randn(len(model.blocks), 2, heads, 3, d // heads, generator=gen)
    dummy_mask = torch.rand(len(model.blocks), heads, generator=gen)
    torch.onnx.export(
        wrapper,
        (dummy, dummy_past, dummy_mask),
        path,
        opset_version=OPSET,
        input_names=["ids", "past", "head_mask"],
        output_names=["logits", "attention", "present", "states"],
        dynamic_axes={
            "ids": {1: "T"},
            "past": {3: "P"},
            "attention": {2: "T", 3: "PT"},
            "present": {3: "PT"},
            "states": {1: "T"},
        },
        do_constant_folding=True,
    )
    model.eval()  # torch.onnx.export leaves the model in training mode
    wrapper.eval()
    m = name_weights(onnx.load(path), {k: v.detach().numpy() for k, v in wrapper.named_parameters()})
    tied = shrink(m, storage, {"model." + k: v for k, v in used.items()})
    nf4_constants(m.graph)
    onnx.checker.check_model(m)
    onnx.save(m, path)

    # Fixture: PyTorch's outputs for fixed inputs, checked against onnxruntime-web in the tests.
    if cases_ids is None:
        valid = np.fromfile(os.path.join(data_dir, card["lang"], "valid.bin"), dtype="<u2").astype(np.int64)
        cases_ids = fixture_ids(valid, model.context)
    cases = []
    for ids in cases_ids:
        with torch.no_grad():
            logits, attention, _, states = wrapper(torch.tensor(ids)[None], wrapper.empty_past())
        cases.append(
            dict(
                ids=list(ids),
                logits=[round(float(v), 6) for v in logits[0]],
                attentionShape=list(attention.shape),
                attentionFirstRow=[round(float(v), 6) for v in attention[0, 0, -1]],
                statesShape=list(states.shape),
                statesLastRow=[round(float(v), 6) for v in states[-1, -1]],
            )
        )
    # The same inputs with one head switched off (each layer's first head in turn, on the second
    # case), so the head mask is checked against PyTorch too.
    masked = []
    ids = cases_ids[min(1, len(cases_ids) - 1)]
    for layer in range(len(model.blocks)):
        mask = wrapper.all_on()
        mask[layer, layer % heads] = 0
        with torch.no_grad():
            logits = wrapper(torch.tensor(ids)[None], wrapper.empty_past(), mask)[0]
        masked.append(dict(ids=list(ids), headMask=mask.tolist(), logits=[round(float(v), 6) for v in logits[0]]))
    with open(os.path.join(out, "fixture.json"), "w") as f:
        json.dump(dict(lang=card["lang"], cases=cases, masked=masked), f)

    with open(os.path.join(out, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False)

    data = open(path, "rb").read()
    stats_path = os.path.join(data_dir, card["lang"], "stats.json")
    if os.path.exists(stats_path):
        stats = json.load(open(stats_path, encoding="utf-8"))
        card.update(
            dataSources=stats.get("works", []),
            dataBySource=stats.get("sources", []),
            dataNote="see data/PROVENANCE.md and data/README.md; documents with a word of data/screen-list.txt left out",
            screenedOutDocuments=stats.get("screenedOut"),
            vocabularyCoverage=dict(train=stats.get("trainCoverage"), valid=stats.get("validCoverage")),
        )
    card.update(
        opset=OPSET,
        exportedWith=dict(torch=torch.__version__, onnx=onnx.__version__),
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        weights=(
            "NF4 stored (two 4-bit codes a byte, `_nf4`, low code first; each byte's levels `nf4_low`, `nf4_high`) with an fp16 scale per row (`_scale16`), fp32 compute"
            if storage == "nf4"
            else "int8 stored with an fp32 scale per row (`_q8`, `_scale`), fp32 compute"
            if storage == "int8"
            else "fp16 stored, fp32 compute"
        )
        + "; each initializer named after its PyTorch parameter (`.T`: transposed)",
        storage=storage,
        tiedCopiesRemoved=tied,
        inputs=dict(
            ids="int64 [1, T]: the new tokens",
            past="float32 [layers, 2, heads, P, dModel/heads]: keys and values of the P tokens before them (P may be 0); P + T ≤ context",
            head_mask="float32 [layers, heads]: 1 keeps a head, 0 switches it off (what it adds is multiplied by it); all ones is the model as trained (onnxruntime-web feeds only inputs that are not initializers, so it has no default in the file: src/model/runner.ts feeds ones)",
        ),
        outputs=dict(
            logits="float32 [1, vocab]: next-token logits",
            attention="float32 [layers, heads, T, P + T]: each head's weights, as they are when the head is switched off too",
            present="float32 [layers, 2, heads, P + T, dModel/heads]: the past for the next call",
            states="float32 [layers + 1, T, dModel]: the numbers of the new positions before each block and after the last (before the final LayerNorm)",
        ),
    )
    card.pop("embeddings", None)  # files before NF4 pointed to an embeddings.f16 copy
    card["validPerplexityTorch"] = card.get("validPerplexityTorch", math.nan)
    with open(os.path.join(out, "card.json"), "w", encoding="utf-8") as f:
        json.dump(card, f, ensure_ascii=False, indent=2)
    print(f"exported {path}: {len(data):,} bytes, {tied} tied copy removed", flush=True)
