"""The ``mldrill`` command line: parses input and formats output; the work is in ``service``."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="Practise ML research-engineer interviews: problems, a sandboxed judge, feedback.",
    add_completion=False,
    pretty_exceptions_enable=False,
)
bank_app = typer.Typer(help="Check and inspect the problem bank.", add_completion=False)
bench_app = typer.Typer(help="Benchmarks (they measure; they never fail on timings).")
app.add_typer(bank_app, name="bank")
app.add_typer(bench_app, name="bench")

NoSandbox = Annotated[
    bool,
    typer.Option(
        "--no-sandbox",
        help="Run candidate code with resource limits only (your own code, never a server).",
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
_state: dict = {"db": None}


def _console():
    from rich.console import Console

    return Console()


def _fail(message: str, code: int = 2) -> None:
    from rich.console import Console

    Console(stderr=True).print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _warn_load_errors(errors: list[str]) -> None:
    """Invalid problems are skipped by listings (``bank check`` fails on them)."""
    if errors:
        from rich.console import Console

        err = Console(stderr=True)
        for message in errors:
            err.print(f"[yellow]skipped an invalid problem:[/] {message}", highlight=False,
                      soft_wrap=True)  # fmt: skip


@contextmanager
def _service(sandbox: bool = True):
    """The service, with known user errors turned into one clear line and exit code 2."""
    from ..bank.loader import ProblemLoadError
    from ..judge.sandbox import SandboxUnavailable
    from ..service import Service
    from ..session.mock import MockError
    from ..session.workspace import WorkspaceError

    if not sandbox:
        _console().print(
            "[yellow]warning:[/] --no-sandbox: candidate code runs with resource limits only, "
            "not isolated. Use it for your own code, never on a server.",
            highlight=False,
        )
    service = Service(db_url=_state["db"], sandbox=sandbox)
    try:
        yield service
    except (ProblemLoadError, WorkspaceError, MockError) as exc:
        _fail(str(exc))
    except SandboxUnavailable as exc:
        _fail(f"{exc}\n(to practise on your own code without isolation: --no-sandbox)", 3)
    finally:
        service.close()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", help="SQLAlchemy database URL (default: MLDRILL_DB or SQLite)."),
    ] = None,
) -> None:
    """With no command: the bank, your progress and the next suggested step."""
    _state["db"] = db
    if ctx.invoked_subcommand is not None:
        return
    from rich.table import Table

    with _service() as service:
        view = service.overview()
        _warn_load_errors(service.load_errors)
    console = _console()
    table = Table(title="mldrill problem bank", show_edge=False)
    for col in ("id", "kind", "difficulty", "minutes", "best", "title"):
        table.add_column(col, justify="right" if col in ("minutes", "best") else "left")
    for p in view.problems:
        best = view.best.get(p.id)
        mark = "" if best is None else f"{best[0]:.0f} {best[1]}"
        table.add_row(p.id, str(p.kind), p.spec.difficulty, str(p.spec.time_minutes), mark,
                      p.spec.title)  # fmt: skip
    console.print(table)
    solved = sum(1 for score, _ in view.best.values() if score >= 80)
    console.print(
        f"progress: {solved}/{len(view.problems)} problems at 80+, {view.attempts} attempts",
        highlight=False,
    )
    if view.suggestion is not None:
        console.print(
            f"next: [bold]mldrill start {view.suggestion.id}[/] ({view.reason})", highlight=False
        )
    console.print("commands: mldrill --help")


@app.command("list")
def list_problems(
    kind: Annotated[
        str | None, typer.Option(help="implement, debug, theory, design or behavioral.")
    ] = None,
    topic: Annotated[str | None, typer.Option(help="A taxonomy area or subtopic.")] = None,
    as_json: Json = False,
) -> None:
    """List problems and questions, optionally filtered by kind and topic."""
    from ..bank.taxonomy import all_topics

    kinds = ("implement", "debug", "theory", "design", "behavioral")
    if kind and kind not in kinds:
        _fail(f"--kind: {kind!r} is not a kind ({', '.join(kinds)})")
    if topic and not any(t == topic or t.endswith("/" + topic) for t in all_topics()):
        _fail(f"--topic: {topic!r} is not in the taxonomy (see docs/topics.md)")
    rows = []
    with _service() as service:
        if kind in (None, "implement", "debug"):
            for p in service.problems(kind, topic):
                rows.append({"id": p.id, "kind": str(p.kind), "title": p.spec.title,
                             "topics": p.spec.topics, "difficulty": p.spec.difficulty,
                             "time_minutes": p.spec.time_minutes})  # fmt: skip
            _warn_load_errors(service.load_errors)
        if kind in (None, "theory", "design"):
            for i in service.study.items(kind, topic):
                rows.append({"id": i.id, "kind": i.kind, "title": i.title, "topics": i.topics,
                             "difficulty": i.difficulty, "time_minutes": i.minutes})  # fmt: skip
        if kind == "behavioral" or (kind is None and topic is None):
            for q in service.study.bank.behavioral:
                rows.append({"id": q.id, "kind": "behavioral", "title": q.question,
                             "topics": q.competencies, "difficulty": "",
                             "time_minutes": 3})  # fmt: skip
    if as_json:
        print(json.dumps(rows, indent=2))
        return
    from rich.table import Table

    table = Table(show_edge=False)
    for col in ("id", "kind", "difficulty", "topics", "title"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["id"], r["kind"], r["difficulty"], ", ".join(r["topics"]), r["title"])
    _console().print(table)


@app.command()
def show(problem_id: Annotated[str, typer.Argument(help="Problem id.")]) -> None:
    """Show a problem's statement, budget and topics."""
    from rich.markdown import Markdown

    with _service() as service:
        problem = service.problem(problem_id)
    console = _console()
    spec = problem.spec
    console.print(
        f"[bold]{spec.title}[/] ({spec.kind}, {spec.difficulty}, {spec.time_minutes} min) "
        f"topics: {', '.join(spec.topics)}",
        highlight=False,
    )
    console.print(Markdown(problem.statement))
    console.print(f"[dim]why it matters:[/] {spec.why}", highlight=False)


@app.command()
def start(
    problem_id: Annotated[str, typer.Argument(help="Problem id.")],
    directory: Annotated[
        Path | None, typer.Option("--dir", help="Workspace folder (default: ./ID).")
    ] = None,
    debug: Annotated[
        bool,
        typer.Option("--debug", help="A debugging task: bugs planted in the reference."),
    ] = False,
    bugs: Annotated[int, typer.Option("--bugs", help="How many bugs with --debug.")] = 3,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Task seed with --debug (same seed, same task).")
    ] = None,
) -> None:
    """Create a workspace with the statement, starter files and public tests."""
    with _service() as service:
        space = service.start(problem_id, directory, bugs if debug else None, seed)
        problem = service.problem(problem_id)
    target = "solution.py" if problem.kind == "implement" else "the project files"
    if space.debug:
        _console().print(
            f"debugging task: {space.debug['bugs']} bugs planted, seed {space.debug['seed']}",
            highlight=False,
        )
    _console().print(
        f"workspace ready: [bold]{space.root}[/]\nread statement.md, edit {target}, then "
        f"`mldrill test {space.root}` (public tests) and `mldrill submit {space.root}`.",
        highlight=False,
    )


def _run(directory: Path, suite: str, no_sandbox: bool, as_json: bool) -> None:
    from rich.progress import Progress

    from ..feedback.render import event_line, show_result

    console = _console()
    with _service(sandbox=not no_sandbox) as service:
        space_problem = service.problem(_workspace_problem(directory))
        total = len(space_problem.cases(suite))
        if as_json:
            result = service.run_workspace(directory, suite)
        else:
            with Progress(console=console, transient=True) as progress:
                task = progress.add_task(f"running {suite} tests", total=total)

                def on_event(event):
                    progress.console.print(event_line(event), highlight=False)
                    progress.advance(task)

                result = service.run_workspace(directory, suite, on_event)
    if as_json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        show_result(console, result, streamed=True)
    if str(result.status) != "pass":
        raise typer.Exit(1)


def _workspace_problem(directory: Path) -> str:
    from ..session.workspace import WorkspaceError, open_workspace

    try:
        return open_workspace(directory).problem_id
    except WorkspaceError as exc:
        _fail(str(exc))


@app.command()
def test(
    directory: Annotated[Path, typer.Argument(help="Workspace folder.")] = Path("."),
    no_sandbox: NoSandbox = False,
    as_json: Json = False,
) -> None:
    """Run the public tests on your workspace, sandboxed."""
    _run(directory, "public", no_sandbox, as_json)


@app.command()
def submit(
    directory: Annotated[Path, typer.Argument(help="Workspace folder.")] = Path("."),
    no_sandbox: NoSandbox = False,
    as_json: Json = False,
) -> None:
    """Grade your workspace against the hidden tests, with feedback per test and dimension."""
    _run(directory, "hidden", no_sandbox, as_json)


@app.command("grade")
def grade_cmd(
    path: Annotated[Path, typer.Argument(help="solution.py (implement) or project folder.")],
    problem_id: Annotated[str, typer.Option("--problem", help="Problem id.")],
    as_json: Json = False,
    no_sandbox: NoSandbox = False,
) -> None:
    """Grade a file or folder non-interactively (one JSON object with --json)."""
    from ..feedback.render import show_result

    if not path.exists():
        _fail(f"{path}: no such file or folder")
    with _service(sandbox=not no_sandbox) as service:
        result = service.grade_path(problem_id, path)
    if as_json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        show_result(_console(), result)
    if str(result.status) != "pass":
        raise typer.Exit(1)


@app.command()
def history(
    problem_id: Annotated[str | None, typer.Option("--problem", help="Only this problem.")] = None,
    limit: Annotated[int, typer.Option(help="How many attempts.")] = 20,
    as_json: Json = False,
) -> None:
    """Your past attempts, newest first."""
    with _service() as service:
        attempts = service.history(problem_id, limit)
    rows = [
        {"id": a.id, "problem": a.problem_id, "mode": a.mode, "status": a.status,
         "score": a.score, "created_at": a.created_at.isoformat(), "elapsed_ms": a.elapsed_ms}
        for a in attempts
    ]  # fmt: skip
    if as_json:
        print(json.dumps(rows, indent=2))
        return
    from rich.table import Table

    table = Table(show_edge=False)
    for col in ("id", "when", "problem", "mode", "status", "score"):
        table.add_column(col)
    for r in rows:
        table.add_row(str(r["id"]), r["created_at"][:19], r["problem"], r["mode"], r["status"],
                      f"{r['score']:.0f}")  # fmt: skip
    _console().print(table if rows else "no attempts yet: try `mldrill start softmax`")


@bank_app.command("check")
def bank_check(
    path: Annotated[
        Path | None, typer.Argument(help="A bank folder or one problem folder.")
    ] = None,
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
    torch = any("torch" in p.spec.requires and not p.missing_extras() for p in problems)
    with judge_for(sandbox=not no_sandbox, torch=torch) as zygote:
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
                        if finding.check == "skipped":
                            console.print(f"[yellow]skipped[/] {problem.id}: {finding.detail}")
                        if not finding.ok:
                            console.print(
                                f"[red]FAIL[/] {finding.problem}: {finding.check}: "
                                f"{finding.detail}",
                                highlight=False,
                            )
                    progress.advance(task)
    if path is None:  # the whole built-in bank: theory, design and behavioural questions too
        from ..bank.check import check_questions
        from ..bank.questions import load_questions

        try:
            questions = load_questions()
        except ProblemLoadError as exc:
            _fail(str(exc))
        from ..bank.check import Finding
        from ..session.formats import check_formats

        format_findings = [Finding(*f) for f in check_formats(problems, questions)]
        for finding in [*check_questions(questions), *format_findings]:
            findings.append(finding)
            if not finding.ok and not as_json:
                console.print(f"[red]FAIL[/] {finding.problem}: {finding.check}: {finding.detail}",
                              highlight=False)  # fmt: skip
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


@bank_app.command("mutate")
def bank_mutate(
    problem_id: Annotated[str, typer.Argument(help="An implement problem's id.")],
    as_json: Json = False,
    no_sandbox: NoSandbox = False,
) -> None:
    """Plant each ML-aware mutation in the reference; report killed and surviving mutants."""
    from rich.progress import Progress

    from ..bank.mutation.engine import MIN_SCORE, analyse, find_mutants

    console = _console()
    with _service(sandbox=not no_sandbox) as service:
        problem = service.problem(problem_id)
        total = len(find_mutants(problem.solution_files()))
        if as_json:
            with service.judge(problem) as zygote:
                report = analyse(problem, zygote)
        else:
            with Progress(console=console, transient=True) as progress:
                task = progress.add_task(f"mutants of {problem_id}", total=total)
                with service.judge(problem) as zygote:
                    report = analyse(problem, zygote, lambda r: progress.advance(task))
    if as_json:
        print(json.dumps(report.to_dict(), indent=2))
        return
    from rich.table import Table

    table = Table(show_edge=False)
    table.add_column("mutant", no_wrap=True, overflow="fold")  # ids go into [[equivalent]]
    table.add_column("change")
    table.add_column("result")
    for r in report.results:
        if r.equivalent_reason:
            verdict = f"[dim]equivalent: {r.equivalent_reason}[/]"
        elif r.killed:
            verdict = f"[green]killed[/] by {r.killed_by[0]}"
        else:
            verdict = "[red]survived[/]"
        table.add_row(r.mutant.id, r.mutant.description, verdict)
    console.print(table)
    counted = len(report.counted)
    style = "green" if report.score >= MIN_SCORE else "red"
    console.print(
        f"mutation score [{style}]{report.score}%[/] ({counted - len(report.survivors)}"
        f"/{counted} killed, {len(report.results) - counted} declared equivalent)",
        highlight=False,
    )


@bank_app.command("stats")
def bank_stats_cmd(
    as_json: Json = False,
    no_sandbox: NoSandbox = False,
) -> None:
    """Counts per kind, topic and difficulty, and mutation scores (runs every mutant)."""
    from rich.progress import Progress

    from ..bank.stats import bank_stats

    console = _console()
    with _service(sandbox=not no_sandbox) as service:
        problems = service.problems()
        if as_json:
            stats = bank_stats(problems, service.judge)
        else:
            with Progress(console=console, transient=True) as progress:
                task = progress.add_task("mutation analysis", total=len(problems))
                stats = bank_stats(problems, service.judge, lambda p: progress.advance(task))
    if as_json:
        print(json.dumps(stats, indent=2))
        return
    from rich.table import Table

    console.print(
        f"{stats['problems']} problems: "
        + ", ".join(f"{n} {k}" for k, n in stats["by_kind"].items())
        + f"; {stats['pytorch']} PyTorch; by difficulty "
        + ", ".join(f"{n} {k}" for k, n in stats["by_difficulty"].items()),
        highlight=False,
    )
    areas = Table("area", "problems", show_edge=False)
    for area, count in stats["by_area"].items():
        areas.add_row(area, str(count))
    console.print(areas)
    mutation = stats["mutation"]
    table = Table("problem", "mutation score", "mutants", "equivalent", show_edge=False)
    for pid, row in mutation["per_problem"].items():
        style = "green" if row["score"] >= mutation["threshold"] else "red"
        table.add_row(pid, f"[{style}]{row['score']}%[/]", str(row["mutants"]),
                      str(row["equivalent"]))  # fmt: skip
    console.print(table)
    console.print(
        f"median mutation score {mutation['median']}%, minimum {mutation['minimum']}%",
        highlight=False,
    )
    for pid, survivors in mutation["with_survivors"].items():
        console.print(f"  {pid}: surviving {', '.join(survivors)}", highlight=False)
    for pid in mutation["skipped_missing_extras"]:
        console.print(f"  [yellow]skipped[/] {pid}: needs an extra that is not installed")


@bench_app.command("judge")
def bench_judge(
    runs: Annotated[int, typer.Option(help="Gradings per measurement.")] = 200,
    baseline_runs: Annotated[int, typer.Option(help="Baseline submissions.")] = 10,
    workers: Annotated[
        int, typer.Option(help="Parallel workers for throughput (0: twice the cores).")
    ] = 0,
    as_json: Json = False,
) -> None:
    """Warm judge vs a fresh `python -m pytest` in bubblewrap per submission (softmax)."""
    from ..bench.judge_bench import run_benchmark

    report = run_benchmark(runs, baseline_runs, workers, console=None if as_json else _console())
    if as_json:
        print(json.dumps(report, indent=2))


@bench_app.command("api")
def bench_api(
    users: Annotated[int, typer.Option(help="Concurrent users.")] = 20,
    per_user: Annotated[int, typer.Option(help="Submissions per user.")] = 10,
    as_json: Json = False,
) -> None:
    """Submission latency (p50/p95) over HTTP with concurrent users vs one user alone."""
    from ..bench.api_bench import run_benchmark

    if users < 1 or per_user < 1:
        _fail("--users and --per-user must be at least 1")
    report = run_benchmark(users, per_user, console=None if as_json else _console())
    if as_json:
        print(json.dumps(report, indent=2))


@bench_app.command("rubric")
def bench_rubric(
    no_semantic: Annotated[bool, typer.Option("--no-semantic", help="Words only.")] = False,
    cases: Annotated[
        str,
        typer.Option(
            "--cases",
            help="dev (the rubrics were tuned on it), heldout, or one half of it: heldout-a "
            "(analysed) or heldout-b (never inspected); heldout-c, heldout-d (more test sets); "
            "test (b, c and d: every case never trained on); train-extra; training (what the "
            "model is fitted on).",
        ),
    ] = "dev",
    learned: Annotated[
        bool | None,
        typer.Option(
            "--learned/--rules",
            help="Decide covered points with the learned model or the hand-written rules "
            "(default: whichever the grader uses).",
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    """Precision, recall and F1 of rubric point detection on the labelled cases. The learned
    model is rebuilt by ``python -m mldrill.bench.train_point_model``."""
    from ..bench.rubric_bench import CASE_SETS, TEST_SETS, evaluate
    from ..study.service import semantic_embedder

    if cases not in CASE_SETS:
        _fail(f"--cases: {cases!r} is not one of {', '.join(CASE_SETS)}")
    embedder = None if no_semantic else semantic_embedder()
    unseen = cases in TEST_SETS
    if as_json:
        print(json.dumps(evaluate(embedder, CASE_SETS[cases], learned, unseen), indent=2))
        return
    from rich.progress import Progress
    from rich.table import Table

    console = _console()
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(f"grading the {cases} cases")
        report = evaluate(embedder, CASE_SETS[cases], learned, unseen,
                          lambda n: progress.update(task, total=n),
                          lambda: progress.advance(task))  # fmt: skip

    table = Table("cases", "kind", "precision", "recall", "F1", "accuracy", show_edge=False)
    for kind, row in report["by_kind"].items():
        table.add_row(str(row["cases"]), kind, f"{row['precision']:.3f}", f"{row['recall']:.3f}",
                      f"{row['f1']:.3f}", f"{row['accuracy']:.3f}")  # fmt: skip
    table.add_row(str(report["cases"]), "[bold]all[/]", f"{report['precision']:.3f}",
                  f"{report['recall']:.3f}", f"[bold]{report['f1']:.3f}[/]",
                  f"{report['accuracy']:.3f}")  # fmt: skip
    console.print(table)
    console.print(f"semantic matching: {'on' if report['semantic'] else 'off'}; "
                  f"decision: {'learned' if report['learned'] else 'rules'}; "
                  f"{len(report['errors'])} disagreements with the labels")  # fmt: skip


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


# Registers the study, mock, report, serve and trace commands on ``app``.
from . import mock, study, trace  # noqa: E402,F401
