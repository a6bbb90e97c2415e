"""Writes golden tensors for tests/CausalCart.Sequence.Tests/Model/PyTorchGoldenTests.cs.

Run:  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/sequence/make_golden.py
Output: bench/sequence/golden/golden.json (index: name -> shape, offset) and golden.bin (float32 LE).
The C# test loads the initial parameters and the batch from these files, runs its own forward,
backward and ten AdamW steps, and compares. Produced once with Debian's python3-torch 1.13.1.
"""
import json
import os
import struct

import torch

from reference_model import SequenceTransformer, param_groups

torch.manual_seed(1234)
torch.set_num_threads(1)
V, A, G, T, C, L, H = 40, 7, 6, 8, 16, 2, 2
ACTION_WEIGHT, PURCHASE_WEIGHT = 0.5, 0.7
LR, WD, CLIP, STEPS = 1e-2, 0.1, 1.0, 10

model = SequenceTransformer(V, A, G, T, C, L, H, dropout=0.0)
with torch.no_grad():
    for name, p in model.named_parameters():
        if ".ln" in name or name.startswith("ln_"):
            p.copy_((1.0 if name.endswith("weight") else 0.0) + 0.1 * torch.randn_like(p))
        else:
            p.copy_(0.3 * torch.randn_like(p))

lengths = [3, 8, 1, 6]
offsets = [0]
for n in lengths:
    offsets.append(offsets[-1] + n)
N = offsets[-1]
g = torch.Generator().manual_seed(99)
items = torch.randint(0, V, (N,), generator=g)
actions = torch.randint(0, A, (N,), generator=g)
gaps = torch.randint(0, G, (N,), generator=g)
positions = torch.cat([torch.arange(n - 1, -1, -1) for n in lengths])  # counted back from the newest
target_items = torch.randint(0, V, (N,), generator=g)
target_items[torch.tensor([o - 1 for o in offsets[1:]])] = -1            # last token of each sequence: no target
target_actions = torch.randint(0, A, (N,), generator=g)
target_actions[5] = -1
purchase_labels = torch.randint(0, 2, (N,), generator=g).float()
purchase_mask = (torch.arange(N) % 4 != 1).float()
batch = dict(items=items, actions=actions, gaps=gaps, positions=positions, offsets=offsets,
             target_items=target_items, target_actions=target_actions,
             purchase_labels=purchase_labels, purchase_mask=purchase_mask)

tensors = {}


def put(name, t):
    tensors[name] = t.detach().to(torch.float32).contiguous().clone()


for k in ["items", "actions", "gaps", "positions", "target_items", "target_actions", "purchase_labels", "purchase_mask"]:
    put("batch." + k, batch[k])
put("batch.offsets", torch.tensor(offsets))
put("config", torch.tensor([V, A, G, T, C, L, H, ACTION_WEIGHT, PURCHASE_WEIGHT, LR, WD, CLIP, STEPS]))
for name, p in model.named_parameters():
    put("init." + name, p)

total, parts, logits = model(batch, ACTION_WEIGHT, PURCHASE_WEIGHT)
total.backward()
put("loss", torch.stack([total, *parts]))
put("logits.item", logits[0])
put("logits.action", logits[1])
put("logits.purchase", logits[2])
for name, p in model.named_parameters():
    put("grad." + name, p.grad)

optimizer = torch.optim.AdamW(param_groups(model, WD), lr=LR, betas=(0.9, 0.999), eps=1e-8)
losses = []
for step in range(STEPS):
    optimizer.zero_grad()
    total, _, _ = model(batch, ACTION_WEIGHT, PURCHASE_WEIGHT)
    losses.append(total.item())
    total.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
    optimizer.step()
put("adamw.losses", torch.tensor(losses))
for name, p in model.named_parameters():
    put("after." + name, p)

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden")
os.makedirs(out, exist_ok=True)
index, blob, offset = {}, bytearray(), 0
for name, t in tensors.items():
    flat = t.reshape(-1).tolist()
    index[name] = {"shape": list(t.shape), "offset": offset, "length": len(flat)}
    blob += struct.pack("<%df" % len(flat), *flat)
    offset += len(flat)
with open(os.path.join(out, "golden.bin"), "wb") as f:
    f.write(blob)
with open(os.path.join(out, "golden.json"), "w") as f:
    json.dump({"torch": torch.__version__, "tensors": index}, f, indent=1)
print("wrote", len(tensors), "tensors,", offset, "floats; losses", [round(x, 5) for x in losses])
