"""Turns a grading result into what a person reads in the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..grading.grade import GradeResult
from ..judge.outcomes import Outcome, TestEvent

STYLE = {
    Outcome.PASS: "green",
    Outcome.FAIL: "red",
    Outcome.ERROR: "red",
    Outcome.TIMEOUT: "yellow",
    Outcome.MEMORY: "yellow",
    Outcome.OUTPUT_LIMIT: "yellow",
    Outcome.VIOLATION: "magenta",
    Outcome.PROBLEM_ERROR: "magenta",
}


def event_line(event: TestEvent) -> str:
    style = STYLE[event.status]
    return f"[{style}]{event.status:>13}[/] {event.name} [dim]({event.duration_ms:.0f} ms)[/]"


def show_result(console: Console, result: GradeResult, streamed: bool = False) -> None:
    """Failures with their messages and hints, a per-dimension table, bugs and diff size.

    With ``streamed``, each test's line was already shown as it finished: only the details
    of what went wrong follow.
    """
    if result.syntax_error:
        err = result.syntax_error
        console.print(
            f"[bold red]SyntaxError[/] in {err['file']}, line {err['line']}: {err['message']}",
            highlight=False,
        )
        return
    failures = [t for t in result.tests if t.status is not Outcome.PASS]
    if failures and streamed:
        console.print("[bold]what went wrong[/]")
    for test in failures:
        console.print(event_line(test) if not streamed else f"[bold]{test.name}[/]",
                      highlight=False)  # fmt: skip
        if test.message:
            console.print("    " + test.message.replace("\n", "\n    "), highlight=False)
        if test.hint:
            console.print(f"    [cyan]hint:[/] {test.hint}", highlight=False)
        if test.output and test.status is not Outcome.PASS:
            console.print("    [dim]your output:[/]", highlight=False)
            console.print("    " + test.output.strip()[:800].replace("\n", "\n    "), markup=False)
    table = Table(title=f"{result.problem}: {result.status}", show_edge=False)
    table.add_column("dimension")
    table.add_column("score", justify="right")
    for name, score in result.dimensions.items():
        table.add_row(name, f"{score:.0f}")
    table.add_row("[bold]overall[/]", f"[bold]{result.score:.0f}[/]")
    console.print(table)
    console.print(
        f"{result.passed}/{len(result.tests)} tests passed in {result.elapsed_ms:.0f} ms",
        highlight=False,
    )
    if result.readability and result.readability.findings:
        console.print("[bold]readability findings[/]")
        for f in result.readability.findings[:10]:
            console.print(f"  {f.file}:{f.line} {f.code} {f.message}", highlight=False)
    if result.readability:
        complex_fns = {k: v for k, v in result.readability.complexity.items() if v > 10}
        for name, value in complex_fns.items():
            console.print(f"  {name}: cyclomatic complexity {value} (aim for 10 or less)")
    if result.bugs:
        fixed = sum(b.fixed for b in result.bugs)
        console.print(f"[bold]planted bugs fixed: {fixed}/{len(result.bugs)}[/]")
        for bug in result.bugs:
            if bug.fixed:  # what it was is only revealed once it is fixed
                console.print(f"  [green]fixed[/] {bug.file}: {bug.description}", highlight=False)
            else:
                console.print(f"  [red]not fixed[/] {bug.file} ({bug.category})", highlight=False)
    if result.diff:
        d = result.diff
        console.print(
            f"your change: +{d.lines_added} -{d.lines_removed} lines "
            f"(the reference fix changes {d.minimal_lines}): {d.verdict}",
            highlight=False,
        )
