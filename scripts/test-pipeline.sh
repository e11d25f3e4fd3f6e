#!/usr/bin/env bash
# The model pipeline never rots: a one-minute training on a small slice of the corpus, exported to
# ONNX, exported again from its weights.pt and from the ONNX file alone (a fresh clone has no
# training/build), each byte for byte the same file; then onnxruntime-web must reproduce PyTorch's
# logits for it (tests/unit/model.test.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
out=training/ci
rm -rf "$out"
npx tsx scripts/build-corpus.ts --lang en --limit 400 --out "$out/build"
/usr/bin/python3 training/train.py --lang en --data "$out/build" --out "$out/models" --minutes 3 --steps 100 --eval-every 50 --eval-tokens 3000 --final-tokens 3000
trained=$(sha256sum < "$out/models/en/model.onnx")
for data in "$out/build" "$out/no-build"; do
  /usr/bin/python3 training/reexport.py en --src "$out/models/en" --data "$data"
  [ "$(sha256sum < "$out/models/en/model.onnx")" = "$trained" ] || { echo "re-export from $data changed model.onnx" >&2; exit 1; }
done
OWAAT_MODEL_DIRS="$out/models/en" OWAAT_FUZZ=500 npx vitest run tests/unit/model.test.ts
