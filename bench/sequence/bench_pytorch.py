"""PyTorch side of the throughput comparison (run by bench/sequence/throughput.sh).

The same network as reference_model.py but batched (B, T) with a causal mask, as SASRec implementations
do; all sequences have length T, so there is no padding on either side. Losses:
  full     softmax cross-entropy over all V items (tied item embedding), as CausalCart's full softmax
  sampled  S shared negatives drawn from a smoothed unigram, log(S*Q) correction, accidental hits masked
           (CausalCart's sampled softmax)
  bce1     binary cross-entropy with one uniformly sampled negative per position (the ANCHORS SASRec step)
Optimiser: torch.optim.AdamW (dense), gradient clipping at 1.0, dropout 0.2, tanh GELU.
Usage: OPENBLAS_NUM_THREADS=1 python3 bench_pytorch.py --loss full --threads 2 --steps 20
"""
import argparse
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

p = argparse.ArgumentParser()
p.add_argument("--items", type=int, default=50000)
p.add_argument("--channels", type=int, default=64)
p.add_argument("--layers", type=int, default=2)
p.add_argument("--heads", type=int, default=2)
p.add_argument("--length", type=int, default=50)
p.add_argument("--batch", type=int, default=128)
p.add_argument("--steps", type=int, default=20)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--loss", choices=["full", "sampled", "bce1"], default="full")
p.add_argument("--negatives", type=int, default=256)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(0)
V, C, L, H, T, B = a.items, a.channels, a.layers, a.heads, a.length, a.batch


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(C), nn.LayerNorm(C)
        self.qkv, self.proj = nn.Linear(C, 3 * C), nn.Linear(C, C)
        self.fc, self.fcproj = nn.Linear(C, 4 * C), nn.Linear(4 * C, C)
        self.drop = nn.Dropout(0.2)
        self.register_buffer("mask", torch.triu(torch.ones(T, T, dtype=torch.bool), 1))

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(C, dim=2)
        q, k, v = (z.view(b, t, H, c // H).transpose(1, 2) for z in (q, k, v))
        att = (q @ k.transpose(-2, -1)) / math.sqrt(c // H)
        att = att.masked_fill(self.mask[:t, :t], float("-inf")).softmax(-1)
        y = (att @ v).transpose(1, 2).reshape(b, t, c)
        x = x + self.drop(self.proj(y))
        return x + self.drop(self.fcproj(F.gelu(self.fc(self.ln2(x)), approximate="tanh")))


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.item = nn.Embedding(V, C)
        self.pos = nn.Embedding(T, C)
        self.drop = nn.Dropout(0.2)
        self.blocks = nn.ModuleList([Block() for _ in range(L)])
        self.ln_f = nn.LayerNorm(C)

    def forward(self, items):
        x = self.drop(self.item(items) + self.pos.weight[None, :items.shape[1]])
        for blk in self.blocks:
            x = blk(x)
        return self.ln_f(x)


model = Model()
opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.0)
freq = torch.ones(V)
q = freq.pow(0.75) / freq.pow(0.75).sum()
logq = torch.log(a.negatives * q)


def step():
    items = torch.randint(0, V, (B, T))
    targets = torch.randint(0, V, (B, T))
    h = model(items).reshape(B * T, C)
    y = targets.reshape(-1)
    if a.loss == "full":
        loss = F.cross_entropy(h @ model.item.weight.t(), y)
    elif a.loss == "sampled":
        neg = torch.multinomial(q, a.negatives, replacement=True)
        pos = (h * model.item(y)).sum(-1, keepdim=True) - logq[y][:, None]
        negl = h @ model.item(neg).t() - logq[neg][None, :]
        negl = negl.masked_fill(neg[None, :] == y[:, None], float("-inf"))
        loss = F.cross_entropy(torch.cat([pos, negl], 1), torch.zeros(B * T, dtype=torch.long))
    else:
        neg = torch.randint(0, V, (B * T,))
        pos = (h * model.item(y)).sum(-1)
        negl = (h * model.item(neg)).sum(-1)
        loss = F.binary_cross_entropy_with_logits(pos, torch.ones_like(pos)) + F.binary_cross_entropy_with_logits(negl, torch.zeros_like(negl))
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()


step()  # warm-up
t0 = time.perf_counter()
for _ in range(a.steps):
    step()
dt = time.perf_counter() - t0
print(f"pytorch {torch.__version__} loss={a.loss} items={V} threads={a.threads} steps={a.steps} tokens_per_s={a.steps * B * T / dt:.0f}")
