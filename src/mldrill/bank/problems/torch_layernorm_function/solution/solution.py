import torch


class LayerNormFunction(torch.autograd.Function):
    """Layer norm over the last axis with a hand-written backward pass."""

    @staticmethod
    def forward(ctx, x, weight, bias, eps):
        mean = x.mean(dim=-1, keepdim=True)
        xc = x - mean
        # Biased variance (divide by D), two-pass: stable when |mean| >> std.
        var = (xc * xc).mean(dim=-1, keepdim=True)
        rstd = torch.rsqrt(var + eps)
        xhat = xc * rstd  # zero mean, unit variance along the last axis
        ctx.save_for_backward(xhat, weight, rstd)
        return xhat * weight + bias

    @staticmethod
    def backward(ctx, grad_out):
        xhat, weight, rstd = ctx.saved_tensors
        # Every row shares weight and bias: sum their gradients over all leading axes.
        rows = grad_out.reshape(-1, grad_out.shape[-1])
        grad_weight = (rows * xhat.reshape(rows.shape)).sum(dim=0)
        grad_bias = rows.sum(dim=0)
        # dL/dxhat, then through xhat = (x - mean) * rstd, where mean and rstd depend on x:
        # dx = rstd * (g - mean(g) - xhat * mean(g * xhat)).
        g = grad_out * weight
        mean_g = g.mean(dim=-1, keepdim=True)
        mean_gx = (g * xhat).mean(dim=-1, keepdim=True)
        grad_x = rstd * (g - mean_g - xhat * mean_gx)
        return grad_x, grad_weight, grad_bias, None  # eps gets no gradient


def layer_norm(x, weight, bias, eps=1e-5):
    """Normalise x over its last axis, then scale by weight and shift by bias."""
    return LayerNormFunction.apply(x, weight, bias, eps)


def layer_norm_grads(x, weight, bias, grad_out, eps=1e-5):
    """Forward and backward through LayerNormFunction: returns (out, dx, dweight, dbias)."""
    # Fresh copies that require grad, so the caller's tensors are left alone.
    inputs = [t.clone().requires_grad_(True) for t in (x, weight, bias)]
    out = layer_norm(*inputs, eps)
    grad_x, grad_weight, grad_bias = torch.autograd.grad(out, inputs, grad_out)
    return out, grad_x, grad_weight, grad_bias
