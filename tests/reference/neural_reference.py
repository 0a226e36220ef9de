"""PyTorch reference values for the neural networks of lib/Research.Forecasting.Neural.

Run from the repo root with Debian's PyTorch (python3-torch 1.13):
    /usr/bin/python3 tests/reference/neural_reference.py
Writes tests/Research.Forecasting.Neural.Tests/Fixtures/neural_reference.json.

For each configuration (LSTM 1 and 2 layers, bidirectional LSTM, GRU, bidirectional GRU, MLP) the script builds the
same network as the C# library (same parameter names: encoder.*, embeddings.K.weight, layers.K.*, head.hidden.*,
head.output.*), with weights from torch.manual_seed(seed) and a fixed batch drawn from the same generator, and records:
every parameter, the forward output, the encoder's output and final states, the loss, every parameter's gradient, and
every parameter after two Adam steps (weight decay, and gradient-norm clipping where configured) on that batch.
It also records `float32_noise`: the largest |float32 gradient - float64 gradient| of PyTorch itself, relative to the
gradient tensor's largest magnitude (0.1-0.5e-6 here), the rounding any float32 implementation is entitled to.
Dropout is 0: its random masks are not comparable across libraries. float32 throughout.
"""
import json
import os

import torch
from torch import nn

torch.set_num_threads(1)

CONFIGS = [
    dict(name="lstm1", arch="lstm", layers=1, bidirectional=False, hidden=5, head_hidden=4, loss="mse", clip=0.0),
    dict(name="lstm2", arch="lstm", layers=2, bidirectional=False, hidden=5, head_hidden=0, loss="mae", clip=0.5),
    dict(name="lstm2_bi", arch="lstm", layers=2, bidirectional=True, hidden=4, head_hidden=3, loss="mse", clip=1.0),
    dict(name="gru2", arch="gru", layers=2, bidirectional=False, hidden=5, head_hidden=4, loss="mse", clip=0.0),
    dict(name="gru1_bi", arch="gru", layers=1, bidirectional=True, hidden=4, head_hidden=0, loss="mae", clip=0.0),
    dict(name="mlp", arch="mlp", layers=2, bidirectional=False, hidden=7, head_hidden=0, loss="mse", clip=0.0),
]
B, L, F, H, C, S = 5, 6, 3, 2, 2, 2
LEVELS, EMB = [4, 3], [2, 2]
LR, WEIGHT_DECAY = 0.01, 0.01


class Head(nn.Module):
    def __init__(self, inputs, hidden, horizon):
        super().__init__()
        self.has_hidden = hidden > 0
        if self.has_hidden:
            self.hidden = nn.Linear(inputs, hidden)
        self.output = nn.Linear(hidden if self.has_hidden else inputs, horizon)

    def forward(self, x):
        return self.output(torch.relu(self.hidden(x))) if self.has_hidden else self.output(x)


def context(batch, embeddings):
    parts = [batch["future"].flatten(1), batch["static"]]
    parts += [e(batch["categories"][:, k]) for k, e in enumerate(embeddings)]
    return torch.cat(parts, 1)


class Recurrent(nn.Module):
    def __init__(self, c):
        super().__init__()
        rnn = nn.LSTM if c["arch"] == "lstm" else nn.GRU
        self.encoder = rnn(F, c["hidden"], c["layers"], batch_first=True, bidirectional=c["bidirectional"])
        self.embeddings = nn.ModuleList([nn.Embedding(n, d) for n, d in zip(LEVELS, EMB)])
        self.directions = 2 if c["bidirectional"] else 1
        self.head = Head(self.directions * c["hidden"] + H * C + S + sum(EMB), c["head_hidden"], H)

    def encode(self, past):
        out, state = self.encoder(past)
        return (out, state[0], state[1]) if isinstance(state, tuple) else (out, state, None)

    def forward(self, batch):
        _, h, _ = self.encode(batch["past"])
        top = h[-1] if self.directions == 1 else torch.cat([h[-2], h[-1]], 1)
        return self.head(torch.cat([top, context(batch, self.embeddings)], 1))


class Mlp(nn.Module):
    def __init__(self, c):
        super().__init__()
        inputs = L * F + H * C + S + sum(EMB)
        self.layers = nn.ModuleList([nn.Linear(inputs if k == 0 else c["hidden"], c["hidden"]) for k in range(c["layers"])])
        self.embeddings = nn.ModuleList([nn.Embedding(n, d) for n, d in zip(LEVELS, EMB)])
        self.head = Head(c["hidden"], c["head_hidden"], H)

    def forward(self, batch):
        x = torch.cat([batch["past"].flatten(1), context(batch, self.embeddings)], 1)
        for layer in self.layers:
            x = torch.relu(layer(x))
        return self.head(x)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def loss_of(pred, target, kind):
    return nn.functional.mse_loss(pred, target) if kind == "mse" else nn.functional.l1_loss(pred, target)


def run(c, seed):
    torch.manual_seed(seed)
    net = Recurrent(c) if c["arch"] != "mlp" else Mlp(c)
    for p in net.parameters():  # spread the weights a little beyond the default init so every unit is active
        with torch.no_grad():
            p.mul_(1.5)
    batch = dict(
        past=torch.randn(B, L, F),
        future=torch.randn(B, H, C),
        static=torch.randn(B, S),
        categories=torch.stack([torch.randint(0, n, (B,)) for n in LEVELS], 1),
    )
    target = torch.randn(B, H)
    params = {n: dict(shape=list(p.shape), values=flat(p)) for n, p in net.named_parameters()}

    out = net(batch)
    loss = loss_of(out, target, c["loss"])
    loss.backward()
    result = dict(
        config=c, seed=seed,
        batch=dict(past=flat(batch["past"]), future=flat(batch["future"]), static=flat(batch["static"]),
                   categories=[int(v) for v in batch["categories"].reshape(-1).tolist()], target=flat(target)),
        shapes=dict(B=B, L=L, F=F, H=H, C=C, S=S, levels=LEVELS, embeddings=EMB),
        parameters=params, output=flat(out), loss=float(loss),
        gradients={n: flat(p.grad) for n, p in net.named_parameters()},
        adam=dict(lr=LR, weight_decay=WEIGHT_DECAY, betas=[0.9, 0.999], eps=1e-8, steps=2),
    )
    if c["arch"] != "mlp":
        with torch.no_grad():
            enc_out, h, cell = net.encode(batch["past"])
        result["encoder_output"] = flat(enc_out)
        result["h_n"] = flat(h)
        if cell is not None:
            result["c_n"] = flat(cell)

    grads32 = {n: p.grad.detach().clone() for n, p in net.named_parameters()}
    net64 = (Recurrent(c) if c["arch"] != "mlp" else Mlp(c)).double()
    net64.load_state_dict({k: v.double() for k, v in net.state_dict().items()})
    batch64 = {k: (v.double() if v.is_floating_point() else v) for k, v in batch.items()}
    loss_of(net64(batch64), target.double(), c["loss"]).backward()
    result["float32_noise"] = max(
        ((grads32[n].double() - p.grad).abs().max() / p.grad.abs().max()).item() for n, p in net64.named_parameters())

    opt = torch.optim.Adam(net.parameters(), lr=LR, weight_decay=WEIGHT_DECAY)
    net.zero_grad()
    for _ in range(2):
        opt.zero_grad()
        loss = loss_of(net(batch), target, c["loss"])
        loss.backward()
        if c["clip"] > 0:
            nn.utils.clip_grad_norm_(net.parameters(), c["clip"])
        opt.step()
    result["after_adam"] = {n: flat(p) for n, p in net.named_parameters()}
    return result


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = os.path.join(root, "tests", "Research.Forecasting.Neural.Tests", "Fixtures", "neural_reference.json")
    cases = [run(c, 1000 + i) for i, c in enumerate(CONFIGS)]
    doc = dict(torch=torch.__version__, generated_by="tests/reference/neural_reference.py", cases=cases)
    with open(out, "w") as f:
        json.dump(doc, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {out}: {len(cases)} cases, torch {torch.__version__}")
    for case in cases:
        print(f"  {case['config']['name']}: float32 gradient noise {case['float32_noise']:.2e} of the tensor scale")


if __name__ == "__main__":
    main()
