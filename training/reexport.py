"""Export a shipped model again with the current export.py, without training it again.

The weights come back from public/models/<lang>/model.onnx itself: they are stored there as fp16,
so the rebuilt PyTorch model is the shipped one, and the new fixture is checked against the old.
Use: /usr/bin/python3 training/reexport.py en|zh
"""
import json
import os
import sys
import tempfile

import numpy as np
import onnx
import torch
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(__file__))
from model import ExportWrapper, TinyLM  # noqa: E402
from export import export  # noqa: E402


def load_shipped(src):
    card = json.load(open(f"{src}/card.json", encoding="utf-8"))
    vocab = json.load(open(f"{src}/vocab.json", encoding="utf-8"))
    m = onnx.load(f"{src}/model.onnx")
    inits = {i.name: numpy_helper.to_array(i).astype(np.float32) for i in m.graph.initializer}
    d, layers, heads = card["dModel"], card["layers"], card["heads"]
    model = TinyLM(len(vocab["tokens"]), d=d, layers=layers, heads=heads, context=card["context"], dropout=0.0)

    def get(name):
        return inits[name] if name in inits else inits[name + "_fp16"]

    sd = {"tok.weight": get("model.tok.weight"), "pos.weight": get("model.pos.weight")}
    sd["ln.weight"], sd["ln.bias"] = get("model.ln.weight"), get("model.ln.bias")
    # The Linear layers' weights are exported transposed, as MatMul inputs, in the model's order.
    mats = sorted((k for k in inits if k.startswith("onnx::MatMul_")), key=lambda k: int(k.split("_")[1]))
    assert len(mats) == 4 * layers, mats
    for i in range(layers):
        for part in ["ln1.weight", "ln1.bias", "ln2.weight", "ln2.bias", "qkv.bias", "proj.bias", "fc.bias", "out.bias"]:
            sd[f"blocks.{i}.{part}"] = get(f"model.blocks.{i}.{part}")
        for j, part in enumerate(["qkv", "proj", "fc", "out"]):
            sd[f"blocks.{i}.{part}.weight"] = inits[mats[4 * i + j]].T
    model.load_state_dict({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in sd.items()})
    return model.eval(), vocab, card


def main():
    lang = sys.argv[1]
    src = f"public/models/{lang}"
    model, vocab, card = load_shipped(src)
    old = json.load(open(f"{src}/fixture.json"))
    wrapper = ExportWrapper(model).eval()
    for c in old["cases"]:
        with torch.no_grad():
            logits, _, _ = wrapper(torch.tensor(c["ids"])[None], wrapper.empty_past())
        delta = float(np.abs(logits[0].numpy() - np.array(c["logits"])).max())
        assert delta < 1e-4, f"rebuilt weights differ from the shipped model: {delta}"
    with tempfile.TemporaryDirectory() as out:
        export(model, vocab, dict(card), out)
        for f in ["model.onnx", "fixture.json", "card.json"]:
            os.replace(os.path.join(out, f), os.path.join(src, f))
    print(f"{lang}: exported again from its own weights")


if __name__ == "__main__":
    main()
