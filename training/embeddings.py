"""The token embedding matrix of a shipped model, read out of its model.onnx (no second copy of the
weights is kept anywhere), written to standard output as little-endian float32 [vocab, d].

    /usr/bin/python3 training/embeddings.py en|zh [--src public/models/<lang>]

Used at build time by scripts/semantic-map-data.ts (our own model's map)."""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from reexport import read_weights  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("lang")
    p.add_argument("--src", default=None)
    args = p.parse_args()
    weights, _ = read_weights(os.path.join(args.src or f"public/models/{args.lang}", "model.onnx"))
    emb = weights["tok.weight"].numpy().astype("<f4")
    sys.stdout.buffer.write(emb.tobytes())


if __name__ == "__main__":
    main()
