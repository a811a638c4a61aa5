"""Mutation operators aimed at the mistakes ML code actually has.

Each operator finds *sites* in a module's AST and, for one site, says which source segment
to replace and with what. Replacing segments (rather than unparsing the whole tree) keeps
the rest of the file, comments included, exactly as written, so a mutant can be handed to a
person as a debugging task.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    """Replace the text from (line, col) to (end_line, end_col) with ``text``."""

    line: int
    col: int
    end_line: int
    end_col: int
    text: str
    description: str


def _seg(node: ast.AST, text: str, description: str) -> Edit:
    return Edit(node.lineno, node.col_offset, node.end_lineno, node.end_col_offset, text,
                description)  # fmt: skip


def _src(node: ast.AST) -> str:
    return ast.unparse(node)


def _call_name(node: ast.AST) -> str:
    """``np.max`` -> "max", ``x.sum`` -> "sum", ``softmax`` -> "softmax"."""
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


class Operator:
    """One kind of mistake. Subclasses yield an ``Edit`` per site."""

    name = ""
    summary = ""

    def edits(self, tree: ast.Module) -> Iterator[Edit]:
        for node in ast.walk(tree):
            yield from self.at(node)

    def at(self, node: ast.AST) -> Iterator[Edit]:
        return iter(())


class AxisChange(Operator):
    name = "axis_change"
    summary = "reduce or normalise over the wrong axis"
    _SWAP = {-1: 0, 0: -1, 1: 0, -2: -1, 2: 1}

    def at(self, node):
        if isinstance(node, ast.keyword) and node.arg in ("axis", "dim"):
            value = node.value
            if isinstance(value, ast.Constant) and type(value.value) is int:
                new = self._SWAP.get(value.value, 0)
                yield _seg(value, str(new), f"{node.arg}={value.value} -> {node.arg}={new}")
            elif isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.USub):
                yield _seg(value, "0", f"{node.arg}={_src(value)} -> {node.arg}=0")
            elif isinstance(value, ast.Name):  # axis=axis: pin it to the first axis
                yield _seg(value, "0", f"{node.arg}={value.id} -> {node.arg}=0")


class DropMaxSubtraction(Operator):
    name = "drop_max_subtraction"
    summary = "exponentiate without subtracting the max first"

    def at(self, node):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub):
            if _call_name(node.right) in ("max", "amax", "logsumexp"):
                yield _seg(node, _src(node.left), f"{_src(node)} -> {_src(node.left)}")


class DropScale(Operator):
    name = "drop_sqrt_scale"
    summary = "forget the 1/sqrt(d) scale"

    def at(self, node):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div | ast.Mult):
            right = node.right
            is_sqrt = _call_name(right) == "sqrt" or (
                isinstance(right, ast.BinOp) and isinstance(right.op, ast.Pow)
            )
            if is_sqrt:
                yield _seg(node, _src(node.left), f"{_src(node)} -> {_src(node.left)}")


class MaskOffByOne(Operator):
    name = "mask_off_by_one"
    summary = "shift a triangular mask by one diagonal"

    def at(self, node):
        if isinstance(node, ast.Call) and _call_name(node) in ("triu", "tril"):
            for kw in node.keywords:
                if kw.arg in ("k", "diagonal") and isinstance(kw.value, ast.Constant):
                    new = kw.value.value - 1 if kw.value.value > 0 else kw.value.value + 1
                    yield _seg(kw.value, str(new), f"{kw.arg}={kw.value.value} -> {new}")
                    return
            if len(node.args) >= 2 and isinstance(node.args[1], ast.Constant):
                old = node.args[1].value
                new = old - 1 if old > 0 else old + 1
                yield _seg(node.args[1], str(new), f"{_call_name(node)} k={old} -> {new}")
            elif len(node.args) == 1 and not node.keywords:
                end = node.args[0]
                text = _src(node.func) + "(" + _src(end) + ", 1)"
                yield _seg(node, text, f"{_call_name(node)} k=0 -> 1")


class SignFlip(Operator):
    name = "sign_flip_update"
    summary = "step up the gradient instead of down (or the reverse)"

    def at(self, node):
        if isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Sub | ast.Add):
            op = "+=" if isinstance(node.op, ast.Sub) else "-="
            text = f"{_src(node.target)} {op} {_src(node.value)}"
            yield _seg(node, text, f"{_src(node)} -> {text}")


class MissingTranspose(Operator):
    name = "missing_transpose"
    summary = "drop a transpose"

    def at(self, node):
        if isinstance(node, ast.Attribute) and node.attr in ("T", "mT"):
            yield _seg(node, _src(node.value), f"{_src(node)} -> {_src(node.value)}")
        elif isinstance(node, ast.Call) and _call_name(node) in ("transpose", "swapaxes"):
            owner = node.func.value if isinstance(node.func, ast.Attribute) else None
            if owner is not None and _src(owner) in ("np", "numpy", "torch") and node.args:
                target = node.args[0]  # np.transpose(a, ...) -> a
            elif owner is not None and _src(owner) not in ("np", "numpy", "torch"):
                target = owner  # a.transpose(...) -> a
            else:
                return
            yield _seg(node, _src(target), f"{_src(node)} -> {_src(target)}")


class TrainTestSwap(Operator):
    name = "fit_on_test"
    summary = "fit or compute statistics on the test split"

    def edits(self, tree):
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef):
                continue
            names = {n.id for n in ast.walk(func) if isinstance(n, ast.Name)}
            names |= {a.arg for a in func.args.args}
            for node in ast.walk(func):
                if isinstance(node, ast.Name) and "train" in node.id:
                    other = node.id.replace("train", "test")
                    if other in names and isinstance(node.ctx, ast.Load):
                        yield _seg(node, other, f"{node.id} -> {other}")


class UnalignedPermutation(Operator):
    name = "shuffle_separately"
    summary = "permute inputs and labels differently"

    def edits(self, tree):
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef):
                continue
            uses: dict[str, list[ast.Subscript]] = {}
            body = [n for stmt in func.body for n in ast.walk(stmt)]  # not the annotations
            assigned = {
                n.id for n in body if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)
            }
            assigned |= {a.arg for a in func.args.args}
            for node in body:
                if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Name):
                    if isinstance(node.ctx, ast.Load) and node.slice.id in assigned:
                        uses.setdefault(node.slice.id, []).append(node)
            for index, subs in uses.items():
                if len(subs) >= 2:
                    last = max(subs, key=lambda s: (s.lineno, s.col_offset))
                    text = _src(last.value)
                    yield _seg(last, text, f"{_src(last)} -> {text} (not permuted with {index})")


class SliceOffByOne(Operator):
    name = "slice_off_by_one"
    summary = "shift a slice bound by one (label shift, batch edge)"

    def at(self, node):
        if isinstance(node, ast.Slice):
            for bound in (node.lower, node.upper):
                if isinstance(bound, ast.Constant) and type(bound.value) is int:
                    new = bound.value + 1 if bound.value >= 0 else bound.value - 1
                    yield _seg(bound, str(new), f"slice bound {bound.value} -> {new}")
                elif isinstance(bound, ast.UnaryOp) and isinstance(bound.operand, ast.Constant):
                    old = bound.operand.value
                    yield _seg(bound, f"-{old + 1}", f"slice bound -{old} -> -{old + 1}")
                elif bound is not None and not isinstance(bound, ast.Constant):
                    yield _seg(bound, f"{_src(bound)} + 1", f"slice bound {_src(bound)} -> +1")


class MeanSumSwap(Operator):
    name = "mean_sum_swap"
    summary = "sum where a mean belongs (or the reverse)"

    def at(self, node):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            swap = {"mean": "sum", "sum": "mean"}.get(node.func.attr)
            if swap:
                f = node.func
                text = f"{_src(f.value)}.{swap}"
                yield _seg(f, text, f"{_src(f)} -> {text}")


class MissingEpsilon(Operator):
    name = "missing_epsilon"
    summary = "drop the epsilon that guards a division, log or sqrt"

    def at(self, node):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            for keep, eps in ((node.left, node.right), (node.right, node.left)):
                small = isinstance(eps, ast.Constant) and isinstance(eps.value, float)
                small = small and 0 < abs(eps.value) <= 1e-3
                named = isinstance(eps, ast.Name) and eps.id.lower() in ("eps", "epsilon")
                if small or named:
                    yield _seg(node, _src(keep), f"{_src(node)} -> {_src(keep)}")
                    return
        if isinstance(node, ast.Call) and _call_name(node) in ("maximum", "clip") and node.args:
            yield _seg(node, _src(node.args[0]), f"{_src(node)} -> {_src(node.args[0])}")


class IntegerDivision(Operator):
    name = "integer_division"
    summary = "integer division where a true division belongs"

    def at(self, node):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            text = f"({_src(node.left)}) // ({_src(node.right)})"
            yield _seg(node, text, f"{_src(node)} -> {text}")


class MissingZeroGrad(Operator):
    name = "missing_zero_grad"
    summary = "forget to zero the gradients"

    def at(self, node):
        if isinstance(node, ast.Expr) and _call_name(node.value) == "zero_grad":
            yield _seg(node, "pass", f"{_src(node)} removed")


class GradContextMisuse(Operator):
    name = "detach_no_grad_misuse"
    summary = "drop a detach, or let gradients flow where they must not"

    def at(self, node):
        if isinstance(node, ast.Call) and _call_name(node) == "detach" and not node.args:
            if isinstance(node.func, ast.Attribute):
                yield _seg(node, _src(node.func.value), f"{_src(node)} -> {_src(node.func.value)}")
        if isinstance(node, ast.withitem) and _call_name(node.context_expr) in (
            "no_grad",
            "inference_mode",
        ):
            expr = node.context_expr
            text = _src(expr.func).rsplit(".", 1)[0] + ".enable_grad()"
            yield _seg(expr, text, f"{_src(expr)} -> {text}")


class EvalTrainSwap(Operator):
    name = "eval_train_swap"
    summary = "evaluate in training mode (or train in eval mode)"

    def at(self, node):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            swap = {"eval": "train", "train": "eval"}.get(node.func.attr)
            if swap and not node.args and not node.keywords:
                text = f"{_src(node.func.value)}.{swap}()"
                yield _seg(node, text, f"{_src(node)} -> {text}")


class _CompareSwap(Operator):
    """Replace a single comparison operator by its counterpart in ``_SWAP``."""

    _SWAP: dict = {}

    def at(self, node):
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            new = self._SWAP.get(type(node.ops[0]))
            if new:
                text = f"{_src(node.left)} {new} {_src(node.comparators[0])}"
                yield _seg(node, text, f"{_src(node)} -> {text}")


class ComparisonFlip(_CompareSwap):
    name = "comparison_boundary"
    summary = "a boundary off by one: < for <=, > for >="

    _SWAP = {ast.Lt: "<=", ast.LtE: "<", ast.Gt: ">=", ast.GtE: ">"}


class KeepdimsDrop(Operator):
    name = "keepdims_drop"
    summary = "reduce without keepdims, so broadcasting silently changes shapes"

    def at(self, node):
        if isinstance(node, ast.keyword) and node.arg in ("keepdims", "keepdim"):
            if isinstance(node.value, ast.Constant) and node.value.value is True:
                yield _seg(node.value, "False", f"{node.arg}=True -> False")


class ArithmeticSwap(Operator):
    name = "arithmetic_swap"
    summary = "+ for - or * for / in a formula"

    _SWAP = {ast.Add: "-", ast.Sub: "+", ast.Mult: "/", ast.Div: "*"}

    def at(self, node):
        if isinstance(node, ast.BinOp) and type(node.op) in self._SWAP:
            text = f"({_src(node.left)}) {self._SWAP[type(node.op)]} ({_src(node.right)})"
            yield _seg(node, text, f"{_src(node)} -> {text}")


class MinMaxSwap(Operator):
    name = "min_max_swap"
    summary = "min for max, argmin for argmax"

    _PAIRS = (("min", "max"), ("argmin", "argmax"), ("minimum", "maximum"), ("amin", "amax"))
    _SWAP = {a: b for pair in _PAIRS for a, b in (pair, pair[::-1])}

    def at(self, node):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in ("min", "max"):
                yield _seg(func, self._SWAP[func.id], f"{func.id} -> {self._SWAP[func.id]}")
            elif isinstance(func, ast.Attribute) and func.attr in self._SWAP:
                text = f"{_src(func.value)}.{self._SWAP[func.attr]}"
                yield _seg(func, text, f"{_src(func)} -> {text}")


class QueueStackSwap(Operator):
    name = "queue_stack_swap"
    summary = "take from the wrong end: a queue used as a stack"

    def at(self, node):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            attr, owner = node.func.attr, _src(node.func.value)
            if attr == "popleft" and not node.args:
                yield _seg(node, f"{owner}.pop()", f"{owner}.popleft() -> {owner}.pop()")
            elif attr == "pop" and len(node.args) == 1 and _src(node.args[0]) == "0":
                yield _seg(node, f"{owner}.pop()", f"{owner}.pop(0) -> {owner}.pop()")
            elif attr == "appendleft":
                text = f"{owner}.append({_src(node.args[0])})" if node.args else ""
                if text:
                    yield _seg(node, text, f"appendleft -> append on {owner}")


class IndexOffByOne(Operator):
    name = "index_off_by_one"
    summary = "index one element off ([0] for [1], [-1] for [-2])"

    def at(self, node):
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            index = node.slice
            if isinstance(index, ast.Constant) and type(index.value) is int:
                new = index.value + 1 if index.value >= 0 else index.value - 1
                yield _seg(index, str(new), f"[{index.value}] -> [{new}]")
            elif isinstance(index, ast.UnaryOp) and isinstance(index.operand, ast.Constant):
                old = index.operand.value
                yield _seg(index, f"-{old + 1}", f"[-{old}] -> [-{old + 1}]")


class EqualityFlip(_CompareSwap):
    name = "condition_flip"
    summary = "a test inverted: == for !=, in for not in"

    _SWAP = {ast.Eq: "!=", ast.NotEq: "==", ast.In: "not in", ast.NotIn: "in",
             ast.Is: "is not", ast.IsNot: "is"}  # fmt: skip


class LoopControlDrop(Operator):
    name = "loop_control_drop"
    summary = "a break or continue forgotten"

    def at(self, node):
        if isinstance(node, ast.Break | ast.Continue):
            yield _seg(node, "pass", f"{_src(node)} removed")


OPERATORS: tuple[Operator, ...] = (
    AxisChange(), DropMaxSubtraction(), DropScale(), MaskOffByOne(), SignFlip(),
    MissingTranspose(), TrainTestSwap(), UnalignedPermutation(), SliceOffByOne(),
    MeanSumSwap(), MissingEpsilon(), IntegerDivision(), MissingZeroGrad(),
    GradContextMisuse(), EvalTrainSwap(), ComparisonFlip(), KeepdimsDrop(), ArithmeticSwap(),
    MinMaxSwap(), QueueStackSwap(), IndexOffByOne(), EqualityFlip(), LoopControlDrop(),
)  # fmt: skip
