"""Export a trained TinyLM for the app: ONNX (opset 17) with fp16-stored weights, the token
embedding matrix, a model card and a fixture of PyTorch's logits for fixed inputs."""
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
FP16_MIN_ELEMENTS = 256  # matrices are stored as fp16; small vectors (biases, LayerNorm) stay fp32


def round_weights_to_fp16(model):
    """Round the weights that will be stored as fp16, so PyTorch and ONNX compute the same thing."""
    with torch.no_grad():
        for p in model.parameters():
            if p.numel() >= FP16_MIN_ELEMENTS:
                p.copy_(p.half().float())


def shrink(path):
    """Store big float initializers as fp16 behind a Cast (folded by onnxruntime at load), and make
    a transposed copy of the tied embedding a Transpose of the one matrix instead of a second copy."""
    m = onnx.load(path)
    g = m.graph
    inits = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    new_nodes, keep = [], []
    big = {n: a for n, a in inits.items() if a.dtype == np.float32 and a.size >= FP16_MIN_ELEMENTS}
    # Transposed duplicates (torch 1.13 stores the tied output layer again, transposed).
    replaced = {}
    names = list(big)
    for a in names:
        for b in names:
            if a != b and b not in replaced and a not in replaced and big[a].ndim == 2 and big[a].shape == big[b].shape[::-1]:
                if np.array_equal(big[a].T, big[b]):
                    replaced[b] = a
    for init in g.initializer:
        name = init.name
        if name in replaced:
            new_nodes.append(helper.make_node("Transpose", [replaced[name]], [name], perm=[1, 0], name=f"tied_{name}"))
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
    # Casts first, then the Transposes that read their outputs, then the model.
    g.node.extend([n for n in new_nodes if n.op_type == "Cast"] + [n for n in new_nodes if n.op_type == "Transpose"] + nodes)
    onnx.checker.check_model(m)
    onnx.save(m, path)
    return len(replaced)


def export(model, vocab, card, out, data_dir="training/build"):
    os.makedirs(out, exist_ok=True)
    model.eval()
    round_weights_to_fp16(model)
    wrapper = ExportWrapper(model).eval()
    path = os.path.join(out, "model.onnx")
    dummy = torch.randint(4, model.tok.num_embeddings, (1, 5))
    heads = model.blocks[0].heads
    d = model.tok.embedding_dim
    dummy_past = torch.randn(len(model.blocks), 2, heads, 3, d // heads)
    torch.onnx.export(
        wrapper,
        (dummy, dummy_past),
        path,
        opset_version=OPSET,
        input_names=["ids", "past"],
        output_names=["logits", "attention", "present"],
        dynamic_axes={
            "ids": {1: "T"},
            "past": {3: "P"},
            "attention": {2: "T", 3: "PT"},
            "present": {3: "PT"},
        },
        do_constant_folding=True,
    )
    model.eval()  # torch.onnx.export leaves the model in training mode
    wrapper.eval()
    tied = shrink(path)

    # Fixture: PyTorch's outputs for fixed inputs, checked against onnxruntime-web in the tests.
    valid = np.fromfile(os.path.join(data_dir, card["lang"], "valid.bin"), dtype="<u2").astype(np.int64)
    cases = []
    for start, length in [(0, 1), (5, 9), (100, 33), (1000, model.context)]:
        start = min(start, len(valid) - length)
        ids = valid[start : start + length]
        with torch.no_grad():
            logits, attention, _ = wrapper(torch.from_numpy(ids)[None], wrapper.empty_past())
        cases.append(
            dict(
                ids=ids.tolist(),
                logits=[round(float(v), 6) for v in logits[0]],
                attentionShape=list(attention.shape),
                attentionFirstRow=[round(float(v), 6) for v in attention[0, 0, -1]],
            )
        )
    with open(os.path.join(out, "fixture.json"), "w") as f:
        json.dump(dict(lang=card["lang"], cases=cases), f)

    # The token embeddings for the semantic map, as little-endian fp16 [vocab, d].
    emb = model.tok.weight.detach().numpy().astype("<f2")
    emb.tofile(os.path.join(out, "embeddings.f16"))
    with open(os.path.join(out, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False)

    data = open(path, "rb").read()
    stats_path = os.path.join(data_dir, card["lang"], "stats.json")
    stats = json.load(open(stats_path, encoding="utf-8")) if os.path.exists(stats_path) else {}
    card.update(
        dataSources=stats.get("sources", []),
        dataNote="see data/PROVENANCE.md and data/README.md; documents with a word of data/screen-list.txt left out",
        screenedOutDocuments=stats.get("screenedOut"),
        vocabularyCoverage=dict(train=stats.get("trainCoverage"), valid=stats.get("validCoverage")),
        opset=OPSET,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        weights="fp16 stored, fp32 compute",
        tiedCopiesRemoved=tied,
        embeddings=dict(file="embeddings.f16", dtype="float16", shape=list(emb.shape)),
        inputs=dict(
            ids="int64 [1, T]: the new tokens",
            past="float32 [layers, 2, heads, P, dModel/heads]: keys and values of the P tokens before them (P may be 0); P + T ≤ context",
        ),
        outputs=dict(
            logits="float32 [1, vocab]: next-token logits",
            attention="float32 [layers, heads, T, P + T]",
            present="float32 [layers, 2, heads, P + T, dModel/heads]: the past for the next call",
        ),
    )
    card["validPerplexityTorch"] = card.get("validPerplexityTorch", math.nan)
    with open(os.path.join(out, "card.json"), "w", encoding="utf-8") as f:
        json.dump(card, f, ensure_ascii=False, indent=2)
    print(f"exported {path}: {len(data):,} bytes, {tied} tied copy removed", flush=True)
