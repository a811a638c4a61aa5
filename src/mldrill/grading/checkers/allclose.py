"""Numeric comparison of arrays and scalars with a stated tolerance."""

from __future__ import annotations

import numbers

import numpy as np

from ...feedback.describe import index_text, kind, show
from . import PASS, Check


def _as_numeric(value) -> np.ndarray | None:
    if type(value) is np.ndarray or isinstance(value, np.generic):
        return np.asarray(value)
    if type(value) in (int, float, bool) or isinstance(value, numbers.Number):
        return np.asarray(value)
    return None


def _num(value) -> str:
    """A number as a person writes it: 0.25, not np.float64(0.25) or array(0.25)."""
    return repr(np.asarray(value).item())


def _is_tensor(value) -> bool:
    return type(value).__name__ == "Tensor" and type(value).__module__.startswith("torch")


def check(got, expected, rtol: float = 1e-6, atol: float = 1e-9, what: str = "the result"):
    """``got`` must be an array (or number, if ``expected`` is one) close to ``expected``.

    A torch tensor is expected back as a tensor, then compared like an array.
    """
    if _is_tensor(expected):
        if not _is_tensor(got):
            return Check(
                False,
                f"{what}: expected a torch tensor {tuple(expected.shape)}, got {kind(got)}",
            )
        got, expected = got.detach().numpy(), expected.detach().numpy()
    exp = np.asarray(expected)
    want_array = type(expected) is np.ndarray
    if want_array and type(got) is not np.ndarray:
        return Check(
            False,
            f"{what}: expected a numpy array {exp.dtype} {tuple(exp.shape)}, got {kind(got)}"
            + (f": {show(got)}" if got is not None else ""),
            "Return an np.ndarray (np.asarray(...) converts lists)."
            if isinstance(got, list | tuple)
            else "",
        )
    arr = _as_numeric(got)
    if arr is None or arr.dtype.kind not in "biufc":
        return Check(False, f"{what}: expected a number, got {kind(got)}: {show(got)}")
    if arr.shape != exp.shape:
        hint = ""
        if arr.shape == exp.shape[::-1] and arr.ndim > 1:
            hint = "The shape is transposed."
        elif arr.size == exp.size:
            hint = "Same number of elements, different shape: check a reshape or keepdims."
        elif arr.ndim == exp.ndim - 1:
            hint = "One axis is missing: a reduction may be missing keepdims=True."
        return Check(
            False,
            f"{what}: expected shape {tuple(exp.shape)}, got shape {tuple(arr.shape)}",
            hint,
        )
    if exp.dtype.kind in "fc" and arr.dtype.kind not in "fc":
        return Check(
            False,
            f"{what}: expected floating-point values, got dtype {arr.dtype}: {show(arr)}",
            "Integer division or an integer array truncates: cast to float first.",
        )
    bad_got = ~np.isfinite(arr) if arr.dtype.kind in "fc" else np.zeros(arr.shape, bool)
    bad_exp = ~np.isfinite(exp) if exp.dtype.kind in "fc" else np.zeros(exp.shape, bool)
    if np.any(bad_got & ~bad_exp):
        first = tuple(int(i) for i in np.argwhere(bad_got & ~bad_exp)[0])
        where = index_text(first) if arr.ndim else ""
        return Check(
            False,
            f"{what}: got {_num(arr[first] if arr.ndim else arr)} at {where or 'the value'} "
            f"where a finite value {_num(exp[first] if exp.ndim else exp)} was expected",
            "NaN or inf from finite inputs: look for an overflow (exp of a large number), a "
            "log or division of zero, or a mean over an empty selection.",
        )
    close = np.isclose(arr, exp, rtol=rtol, atol=atol, equal_nan=True)
    if np.all(close):
        return PASS
    if arr.ndim == 0:
        return Check(
            False, f"{what}: expected {_num(exp)} (rtol={rtol:g}, atol={atol:g}), got {_num(arr)}"
        )
    first = tuple(int(i) for i in np.argwhere(~close)[0])
    count = int((~close).sum())
    return Check(
        False,
        f"{what}: {count} of {arr.size} values differ; first at index {index_text(first)}: "
        f"expected {_num(exp[first])}, got {_num(arr[first])} (rtol={rtol:g}, atol={atol:g})\n"
        f"  expected {show(exp)}\n  got      {show(arr)}",
    )
