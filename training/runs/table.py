"""Prints the runs of training/build/runs.jsonl as a Markdown table (for training/README.md)."""
import json
import math
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "training/build/runs.jsonl"
rows = [json.loads(l) for l in open(path)]
print("| run | lang | shape d/layers/heads | params | sampling | dropout | smoothing | steps (kept) | passes | threads | minutes | perplexity by source (× 5-gram) |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    t = r["training"]
    name = r["args"]["out"].split("/")[-1]
    share = ", ".join(f"{k} {v:.0%}" for k, v in t["sampledShare"].items())
    by = ", ".join(
        f"{k} {v:.1f} ({v / r['baselines'][k]['fivegram']:.3f})" if k in r["baselines"] else f"{k} {v:.1f}"
        for k, v in r["validPerplexityTorch"].items()
    )
    print(
        f"| {name} | {r['lang']} | {r['dModel']}/{r['layers']}/{r['heads']} | {r['parameters']:,} | {share} | {t['dropout']} | {t['labelSmoothing']} "
        f"| {r['plannedSteps']} ({r['weightsFromStep']}) | {t['passes']} | {r['threads']} | {r['trainSeconds'] / 60:.1f} | {by} |"
    )
