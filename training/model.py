"""A tiny decoder-only transformer: learned positions, pre-LayerNorm, tied input/output embeddings.

Attention is written out by hand (no fused kernels) so its weights can be returned for the
attention level and so the ONNX export at opset 17 uses only plain operators.
"""
import math

import torch
from torch import nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, d: int, heads: int, dropout: float):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.fc = nn.Linear(d, 4 * d)
        self.out = nn.Linear(4 * d, d)
        self.drop = nn.Dropout(dropout)

    def forward(self, x, mask):
        b, t, d = x.shape
        h = self.heads
        q, k, v = self.qkv(self.ln1(x)).split(d, dim=2)
        q = q.view(b, t, h, d // h).transpose(1, 2)
        k = k.view(b, t, h, d // h).transpose(1, 2)
        v = v.view(b, t, h, d // h).transpose(1, 2)
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(d // h)
        scores = scores.masked_fill(mask, float("-inf"))
        att = F.softmax(scores, dim=-1)
        y = self.drop(att) @ v
        y = y.transpose(1, 2).reshape(b, t, d)
        x = x + self.drop(self.proj(y))
        x = x + self.drop(self.out(F.gelu(self.fc(self.ln2(x)))))
        return x, att


class TinyLM(nn.Module):
    def __init__(self, vocab: int, d: int, layers: int, heads: int, context: int, dropout: float = 0.1):
        super().__init__()
        self.context = context
        self.tok = nn.Embedding(vocab, d)
        self.pos = nn.Embedding(context, d)
        self.blocks = nn.ModuleList(Block(d, heads, dropout) for _ in range(layers))
        self.ln = nn.LayerNorm(d)
        self.drop = nn.Dropout(dropout)
        # True above the diagonal: a token never looks at the tokens after it.
        self.register_buffer("mask", torch.triu(torch.ones(context, context, dtype=torch.bool), 1), persistent=False)
        self.apply(self._init)

    @staticmethod
    def _init(m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, std=0.02)
        if isinstance(m, nn.Linear) and m.bias is not None:
            nn.init.zeros_(m.bias)

    def hidden(self, ids):
        t = ids.shape[1]
        pos = torch.arange(t, device=ids.device)
        x = self.drop(self.tok(ids) + self.pos(pos))
        mask = self.mask[:t, :t]
        atts = []
        for block in self.blocks:
            x, att = block(x, mask)
            atts.append(att)
        return self.ln(x), atts

    def forward(self, ids):
        """Logits for every position (training)."""
        h, _ = self.hidden(ids)
        return h @ self.tok.weight.t()


class ExportWrapper(nn.Module):
    """What the app runs: ids [1, T] → next-token logits [1, V] and attention [layers, heads, T, T]."""

    def __init__(self, model: TinyLM):
        super().__init__()
        self.model = model

    def forward(self, ids):
        h, atts = self.model.hidden(ids)
        last = h[:, -1, :] @ self.model.tok.weight.t()
        attention = torch.stack([a[0] for a in atts], dim=0)
        return last, attention
