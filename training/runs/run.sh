#!/usr/bin/env bash
# training/runs/run.sh NAME LANG [train.py options…]: one training run, its log and its exported model
# under training/runs/NAME (ignored by git); the runs table is training/build/runs.jsonl.
set -euo pipefail
name=$1 lang=$2
shift 2
mkdir -p "training/runs/$name"
nice -n -15 /usr/bin/python3 training/train.py --lang "$lang" --out "training/runs/$name" --weights "training/runs/$name/weights.pt" "$@" > "training/runs/$name/log.txt" 2>&1
