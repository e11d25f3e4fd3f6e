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

    def forward(self, x, mask, past=None, head_mask=None):
        """With `past` ([2, heads, P, d/heads]: the keys and values of the P tokens before these, batch
        of one), the new tokens also look at those; the keys and values of all P + T come back.
        `head_mask` ([heads]: 1 on, 0 off) scales what each head adds; its attention weights are
        returned as they are (a head switched off still looks, it only no longer tells)."""
        # Sizes from the model, not read from the input, so the ONNX graph needs fewer shape
        # operators (they cost more than the arithmetic when one token is read). With `past` the
        # batch is one.
        d = self.proj.in_features
        b = 1 if past is not None else x.shape[0]
        h = self.heads
        q, k, v = self.qkv(self.ln1(x)).split(d, dim=2)
        q = q.reshape(b, -1, h, d // h).transpose(1, 2)
        k = k.reshape(b, -1, h, d // h).transpose(1, 2)
        v = v.reshape(b, -1, h, d // h).transpose(1, 2)
        present = None
        if past is not None:
            k = torch.cat([past[0].unsqueeze(0), k], dim=2)
            v = torch.cat([past[1].unsqueeze(0), v], dim=2)
            present = torch.stack([k[0], v[0]])
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(d // h)
        scores = scores.masked_fill(mask, float("-inf"))
        att = F.softmax(scores, dim=-1)
        y = self.drop(att) @ v
        if head_mask is not None:
            y = y * head_mask.reshape(1, h, 1, 1)
        y = y.transpose(1, 2).reshape(b, -1, d)
        x = x + self.drop(self.proj(y))
        x = x + self.drop(self.out(F.gelu(self.fc(self.ln2(x)))))
        return x, att, present


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

    def hidden(self, ids, past=None, head_mask=None, states=None):
        """`past` ([layers, 2, heads, P, d/heads]) holds the keys and values of P tokens already
        read: the T new ones sit at positions P … P + T − 1 (P + T ≤ context). `head_mask`
        ([layers, heads], 1 on, 0 off) switches heads off; `states`, a list, gets the numbers of every
        position before each block and after the last one ([B, T, d] each)."""
        t = ids.shape[1]
        if past is None:
            pos = torch.arange(t, device=ids.device)
            mask = self.mask[:t, :t]
        else:
            p = past.shape[3]
            pos = torch.arange(p, p + t, device=ids.device)
            # True where a key comes after the query's own position.
            mask = torch.arange(p + t, device=ids.device)[None, :] > pos[:, None]
        x = self.drop(self.tok(ids) + self.pos(pos))
        atts, presents = [], []
        for i, block in enumerate(self.blocks):
            if states is not None:
                states.append(x)
            x, att, present = block(x, mask, None if past is None else past[i], None if head_mask is None else head_mask[i])
            atts.append(att)
            presents.append(present)
        if states is not None:
            states.append(x)
        return self.ln(x), atts, presents

    def forward(self, ids):
        """Logits for every position (training)."""
        h, _, _ = self.hidden(ids)
        return h @ self.tok.weight.t()


class ExportWrapper(nn.Module):
    """What the app runs: ids [1, T], past [layers, 2, heads, P, d/heads] (P may be 0) and head_mask
    [layers, heads] (1 on, 0 off; all ones: the model as trained) → the next-token logits [1, V], attention [layers, heads, T, P + T], present [layers, 2,
    heads, P + T, d/heads], the keys and values to pass as `past` when the text grows, and states
    [layers + 1, T, d]: the numbers of the new positions before each block and after the last."""

    def __init__(self, model: TinyLM):
        super().__init__()
        self.model = model

    def forward(self, ids, past, head_mask=None):
        states = []
        h, atts, presents = self.model.hidden(ids, past, head_mask, states)
        last = h[:, -1, :] @ self.model.tok.weight.t()
        attention = torch.stack([a[0] for a in atts], dim=0)
        return last, attention, torch.stack(presents, dim=0), torch.stack([s[0] for s in states], dim=0)

    def all_on(self):
        m = self.model
        return torch.ones(len(m.blocks), m.blocks[0].heads)

    def empty_past(self):
        m = self.model
        d = m.tok.embedding_dim
        heads = m.blocks[0].heads
        return torch.zeros(len(m.blocks), 2, heads, 0, d // heads)
