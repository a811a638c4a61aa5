"""CLI for ``mldrill trace``: one test's calls into your code, step by step."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import Json, NoSandbox, _console, _fail, _service, app

if TYPE_CHECKING:
    from rich.console import Console

    from ..judge.tracer import Call, Step, Trace


@app.command("trace")
def trace_cmd(
    path: Annotated[
        Path, typer.Argument(help="Workspace folder (a solution file or folder with --problem).")
    ] = Path("."),
    test_name: Annotated[
        str | None, typer.Option("--test", help="The test to trace (default: the first failing).")
    ] = None,
    hidden: Annotated[
        bool, typer.Option("--hidden", help="A hidden test (its expected values are not shown).")
    ] = False,
    problem_id: Annotated[
        str | None, typer.Option("--problem", help="Trace PATH as a solution of this problem.")
    ] = None,
    steps: Annotated[
        int | None, typer.Option("--steps", min=1, help="Steps recorded per call (default 2000).")
    ] = None,
    step: Annotated[
        bool, typer.Option("--step", help="Step interactively: Enter/n next, p previous, q quit.")
    ] = False,
    as_json: Json = False,
    no_sandbox: NoSandbox = False,
) -> None:
    """Re-run one test with your code traced: lines, locals and results, call by call."""
    from ..judge.tracer import DEFAULT_STEPS, UnknownTest

    suite = "hidden" if hidden else "public"
    with _service(sandbox=not no_sandbox) as service:
        try:
            trace = service.trace(path, test_name, suite, problem_id, steps or DEFAULT_STEPS)
        except UnknownTest as exc:
            _fail(str(exc))
    if as_json:
        print(json.dumps(trace.to_dict() if trace else None, indent=2))
        return
    console = _console()
    if trace is None:
        console.print(f"every {suite} test passes: name one to trace with --test NAME")
        return
    if step and sys.stdin.isatty():
        step_through(console, trace, input)
    else:
        if step:
            console.print("[dim]--step needs a terminal; showing every step[/]")
        show_trace(console, trace)


def changed_locals(call: Call) -> list[dict[str, dict]]:
    """For each step, the locals that differ from the previous step of the same frame."""
    last: dict[int, dict] = {}
    changes = []
    for s in call.steps:
        before = last.get(s.frame, {})
        changes.append({k: v for k, v in s.locals.items() if before.get(k) != v})
        last[s.frame] = s.locals
    return changes


def _outcome(console: Console, trace: Trace) -> None:
    from rich.markup import escape

    style = "green" if str(trace.status) == "pass" else "red"
    console.print(
        f"[bold]{escape(trace.test)}[/] ({trace.suite} tests of {escape(trace.problem)}): "
        f"[{style}]{trace.status}[/]",
        highlight=False,
    )
    for text in (trace.message, trace.hint and f"hint: {trace.hint}"):
        if text:
            console.print("  " + escape(text).replace("\n", "\n  "), highlight=False)


def _call_title(number: int, call: Call) -> str:
    from rich.markup import escape

    from ..judge.tracer import summary_text

    shown = [summary_text(a, 60) for a in call.arguments]
    shown += [f"{k}={summary_text(v, 60)}" for k, v in call.keywords.items()]
    return f"[bold]call {number}:[/] {escape(call.function)}({escape(', '.join(shown))})"


def _event_text(s: Step) -> str:
    from ..judge.tracer import summary_text

    if s.event == "return":
        return "(leaving: exception)" if s.unwinding else f"-> {summary_text(s.value)}"
    if s.event == "exception":
        info = s.exception or {}
        return f"raised {info.get('type', '?')}: {info.get('message', '')}"
    return ""


def _call_end(call: Call) -> list[str]:
    """Rich markup lines: steps left out, why the call stopped, what it returned or raised."""
    from rich.markup import escape

    from ..judge.tracer import summary_text

    lines = []
    if call.truncated:
        lines.append(f"[yellow]{call.skipped} more steps not recorded[/] (raise --steps)")
    if call.stopped:
        lines.append(f"[red]stopped:[/] {escape(call.stopped)}")
    if call.exception:
        info = call.exception
        lines.append(f"[red]raised[/] {escape(info['type'])}: {escape(info['message'])}")
    elif call.returned is not None:
        lines.append(f"returned {escape(summary_text(call.returned))}")
    return lines


def show_trace(console: Console, trace: Trace) -> None:
    """Every call as a numbered table of steps with the locals each step changed."""
    from rich.markup import escape
    from rich.table import Table

    from ..judge.tracer import summary_text

    _outcome(console, trace)
    if not trace.calls:
        console.print("[dim]the test made no call into your code[/]")
    for number, call in enumerate(trace.calls, 1):
        console.print()
        console.print(_call_title(number, call), highlight=False)
        table = Table("#", "where", "code", "changed", show_edge=False, box=None, pad_edge=False)
        for index, (s, changed) in enumerate(zip(call.steps, changed_locals(call), strict=True), 1):
            code = "  " * max(s.depth - 1, 0) + s.source
            event = _event_text(s)
            values = ", ".join(f"{k} = {summary_text(v, 80)}" for k, v in changed.items())
            table.add_row(
                str(index),
                escape(f"{s.file}:{s.line}"),
                escape(code),
                escape(" ".join(t for t in (event, values) if t)),
            )
        if call.steps:
            console.print(table)
        for line in _call_end(call):
            console.print("  " + line, highlight=False)
    if trace.untraced_calls:
        console.print(f"[dim]{trace.untraced_calls} later calls ran without tracing[/]")
    if trace.output:
        console.print("[bold]your code printed:[/]\n" + escape(trace.output), highlight=False)


def step_through(console: Console, trace: Trace, read: Callable[[str], str]) -> None:
    """One step at a time with all its locals: Enter or n next, p previous, q quit."""
    from rich.markup import escape

    from ..judge.tracer import summary_text

    _outcome(console, trace)
    flat = [(n, call, s, ch) for n, call in enumerate(trace.calls, 1)
            for s, ch in zip(call.steps, changed_locals(call), strict=True)]  # fmt: skip
    if not flat:
        console.print("[dim]no steps were recorded[/]")
        return
    at = 0
    while True:
        number, call, s, changed = flat[at]
        console.print()
        console.print(
            f"{_call_title(number, call)}  [dim]step {at + 1}/{len(flat)}[/]", highlight=False
        )
        console.print(
            f"  {escape(s.file)}:{s.line} in {escape(s.function)}: [bold]{escape(s.source)}[/]",
            highlight=False,
        )
        if _event_text(s):
            console.print("  " + escape(_event_text(s)), highlight=False)
        for name, value in s.locals.items():
            mark = "*" if name in changed else " "
            console.print(f"   {mark} {escape(name)} = {escape(summary_text(value))}",
                          highlight=False)  # fmt: skip
        if at == len(flat) - 1 or flat[at + 1][1] is not call:
            for line in _call_end(call):
                console.print("  " + line, highlight=False)
        try:
            key = read("[n]ext [p]revious [q]uit > ").strip().lower()
        except EOFError:
            return
        if key == "q":
            return
        if key == "p":
            at = max(at - 1, 0)
        elif at == len(flat) - 1:
            console.print("[dim]end of the trace[/]")
            return
        else:
            at += 1
