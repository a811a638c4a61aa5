"""The ``mldrill`` command line: parses input and formats output; the work is in ``service``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="Practise ML research-engineer interviews: problems, a sandboxed judge, feedback.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
)
bank_app = typer.Typer(help="Check and inspect the problem bank.", add_completion=False)
app.add_typer(bank_app, name="bank")

NoSandbox = Annotated[
    bool,
    typer.Option(
        "--no-sandbox",
        help="Run candidate code with resource limits only (your own code, never a server).",
    ),
]


def _console():
    from rich.console import Console

    return Console()


def _fail(message: str, code: int = 2) -> None:
    from rich.console import Console

    Console(stderr=True).print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


@bank_app.command("check")
def bank_check(
    path: Annotated[Path | None, typer.Argument(help="A bank folder or one problem folder.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print findings as JSON.")] = False,
    no_sandbox: NoSandbox = False,
) -> None:
    """Prove every problem: schema, reference, starter, wrong submissions and planted bugs."""
    from ..bank.loader import BUILTIN, ProblemLoadError, load_bank
    from ..service import judge_for

    try:
        problems = load_bank(path or BUILTIN)
    except ProblemLoadError as exc:
        _fail(str(exc))
    from ..bank.check import check_problem

    findings = []
    console = _console()
    with judge_for(sandbox=not no_sandbox) as zygote:
        if as_json:
            for problem in problems:
                findings.extend(check_problem(problem, zygote))
        else:
            from rich.progress import Progress

            with Progress(console=console, transient=True) as progress:
                task = progress.add_task("checking problems", total=len(problems))
                for problem in problems:
                    progress.update(task, description=f"checking {problem.id}")
                    for finding in check_problem(problem, zygote):
                        findings.append(finding)
                        if not finding.ok:
                            console.print(
                                f"[red]FAIL[/] {finding.problem}: {finding.check}: "
                                f"{finding.detail}",
                                highlight=False,
                            )
                    progress.advance(task)
    failed = [f for f in findings if not f.ok]
    if as_json:
        print(json.dumps({"ok": not failed, "findings": [f.to_dict() for f in findings]}, indent=2))
    else:
        console.print(
            f"{len(problems)} problems, {len(findings)} checks, "
            + ("[green]all passed[/]" if not failed else f"[red]{len(failed)} failed[/]")
        )
    if failed:
        raise typer.Exit(1)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
