"""Exact comparison: the same type and the same value, element by element for sequences."""

from __future__ import annotations

import numpy as np

from ...feedback.describe import kind, show
from . import PASS, Check


def _same_type(got, expected) -> bool:
    if isinstance(expected, bool) or isinstance(got, bool):
        return type(got) is type(expected)
    if type(expected) is int:
        return type(got) is int or (isinstance(got, np.integer) and type(got).__module__ == "numpy")
    if type(expected) is float:
        return type(got) in (float, int) or isinstance(got, np.floating)
    return type(got) is type(expected)


def check(got, expected, what: str = "the result") -> Check:
    """``got`` must equal ``expected`` exactly (an int may come back as a numpy integer)."""
    if not _same_type(got, expected):
        return Check(False, f"{what}: expected {kind(expected)}, got {kind(got)}: {show(got)}")
    if isinstance(expected, list | tuple):
        if len(got) != len(expected):
            return Check(
                False,
                f"{what}: expected {len(expected)} items, got {len(got)}\n"
                f"  expected {show(expected)}\n  got      {show(got)}",
            )
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            inner = check(g, e, what=f"{what}[{i}]")
            if not inner.ok:
                return inner
        return PASS
    if isinstance(expected, dict):
        if set(got) != set(expected):
            missing = sorted(map(repr, set(expected) - set(got)))
            extra = sorted(map(repr, set(got) - set(expected)))
            return Check(False, f"{what}: keys differ; missing {missing}, unexpected {extra}")
        for key in expected:
            inner = check(got[key], expected[key], what=f"{what}[{key!r}]")
            if not inner.ok:
                return inner
        return PASS
    if type(expected) is np.ndarray:
        if got.shape != expected.shape or not np.array_equal(got, expected):
            return Check(False, f"{what}: expected {show(expected)}, got {show(got)}")
        return PASS
    if got != expected:
        return Check(False, f"{what}: expected {show(expected)}, got {show(got)}")
    return PASS
