"""PyTorch reference of CausalCart.Sequence's Transformer (src/CausalCart.Sequence/Model/Transformer.cs).

Same parameter names, same packed (variable-length, no padding) batches, same losses:
  h = ln_f(blocks(item_emb[i] + action_emb[a] + gap_emb[g] + position_emb[p]))
  loss = CE(h @ item_emb.T, next_item) + w_a * CE(action_head(h), next_action)
         + w_p * BCEWithLogits(purchase_head(h), label, mask)
each term a mean over the tokens that have that label. GELU uses the tanh approximation and
layer norm eps = 1e-5, as the C# code. Dropout is applied at the same three sites (after the
embeddings, after the attention projection, after the feed-forward projection).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class Attention(nn.Module):
    def __init__(self, c, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(c, 3 * c)
        self.proj = nn.Linear(c, c)

    def forward(self, x, offsets):
        n, c = x.shape
        hs = c // self.heads
        qkv = self.qkv(x)
        outs = []
        for s in range(len(offsets) - 1):
            part = qkv[offsets[s]:offsets[s + 1]]
            t = part.shape[0]
            q, k, v = part.split(c, dim=1)
            q = q.view(t, self.heads, hs).transpose(0, 1)  # (H, T, hs)
            k = k.view(t, self.heads, hs).transpose(0, 1)
            v = v.view(t, self.heads, hs).transpose(0, 1)
            att = (q @ k.transpose(1, 2)) / math.sqrt(hs)
            mask = torch.triu(torch.ones(t, t, dtype=torch.bool), diagonal=1)
            att = att.masked_fill(mask, float("-inf")).softmax(dim=-1)
            outs.append((att @ v).transpose(0, 1).reshape(t, c))
        return self.proj(torch.cat(outs, dim=0))


class Mlp(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.fc = nn.Linear(c, 4 * c)
        self.proj = nn.Linear(4 * c, c)

    def forward(self, x):
        return self.proj(F.gelu(self.fc(x), approximate="tanh"))


class Block(nn.Module):
    def __init__(self, c, heads, dropout):
        super().__init__()
        self.ln1 = nn.LayerNorm(c)
        self.attn = Attention(c, heads)
        self.ln2 = nn.LayerNorm(c)
        self.mlp = Mlp(c)
        self.drop = nn.Dropout(dropout)

    def forward(self, x, offsets):
        x = x + self.drop(self.attn(self.ln1(x), offsets))
        return x + self.drop(self.mlp(self.ln2(x)))


class SequenceTransformer(nn.Module):
    def __init__(self, items, actions, gaps, max_length, c, layers, heads, dropout=0.0):
        super().__init__()
        self.item_embedding = nn.Parameter(torch.empty(items, c))
        self.action_embedding = nn.Parameter(torch.empty(actions, c))
        self.gap_embedding = nn.Parameter(torch.empty(gaps, c))
        self.position_embedding = nn.Parameter(torch.empty(max_length, c))
        self.drop = nn.Dropout(dropout)
        self.blocks = nn.ModuleList([Block(c, heads, dropout) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(c)
        self.action_head = nn.Linear(c, actions)
        self.purchase_head = nn.Linear(c, 1)

    def hidden(self, items, actions, gaps, positions, offsets):
        x = (self.item_embedding[items] + self.action_embedding[actions]
             + self.gap_embedding[gaps] + self.position_embedding[positions])
        x = self.drop(x)
        for block in self.blocks:
            x = block(x, offsets)
        return self.ln_f(x)

    def forward(self, batch, action_weight, purchase_weight):
        h = self.hidden(batch["items"], batch["actions"], batch["gaps"], batch["positions"], batch["offsets"])
        item_logits = h @ self.item_embedding.t()
        action_logits = self.action_head(h)
        purchase_logits = self.purchase_head(h).squeeze(1)
        item_loss = F.cross_entropy(item_logits, batch["target_items"], ignore_index=-1)
        action_loss = F.cross_entropy(action_logits, batch["target_actions"], ignore_index=-1)
        mask = batch["purchase_mask"]
        per_token = F.binary_cross_entropy_with_logits(purchase_logits, batch["purchase_labels"], reduction="none")
        purchase_loss = (per_token * mask).sum() / mask.sum()
        total = item_loss + action_weight * action_loss + purchase_weight * purchase_loss
        return total, (item_loss, action_loss, purchase_loss), (item_logits, action_logits, purchase_logits)


def param_groups(model, weight_decay):
    """Decay matrices and embeddings (2-D), not norms or biases, as Weights.Decays in C#."""
    decay = [p for p in model.parameters() if p.dim() == 2]
    rest = [p for p in model.parameters() if p.dim() != 2]
    return [{"params": decay, "weight_decay": weight_decay}, {"params": rest, "weight_decay": 0.0}]
