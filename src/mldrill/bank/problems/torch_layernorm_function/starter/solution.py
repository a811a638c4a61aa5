import torch


class LayerNormFunction(torch.autograd.Function):
    """Layer norm over the last axis with a hand-written backward pass."""

    @staticmethod
    def forward(ctx, x, weight, bias, eps):
        """(x - mean) / sqrt(var + eps) * weight + bias, over the last axis of x."""
        raise NotImplementedError("write forward")

    @staticmethod
    def backward(ctx, grad_out):
        """Return (grad_x, grad_weight, grad_bias, None)."""
        raise NotImplementedError("write backward")


def layer_norm(x, weight, bias, eps=1e-5):
    """Apply LayerNormFunction."""
    return LayerNormFunction.apply(x, weight, bias, eps)


def layer_norm_grads(x, weight, bias, grad_out, eps=1e-5):
    """Forward and backward through LayerNormFunction: returns (out, dx, dweight, dbias)."""
    raise NotImplementedError("write layer_norm_grads")
