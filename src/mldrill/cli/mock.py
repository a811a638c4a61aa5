"""CLI for timed mock interviews, the progress report and the web server."""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path
from typing import Annotated

import typer

from .app import Json, NoSandbox, _console, _fail, _service, app

MENU = {
    "coding": "[Enter] submit · t run public tests · h hint · p pause · q leave (resume later)",
    "text": "type your answer, finish with an empty line; a line 'h' asks for a hint, "
    "'p' pauses, 'q' leaves",
}


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "not started"
    sign = "-" if seconds < 0 else ""
    seconds = abs(int(seconds))
    return f"{sign}{seconds // 60:d}:{seconds % 60:02d}"


class _Watch:
    """Strict mode: at the deadline, save what is on disk and let the service auto-submit."""

    def __init__(self, seconds: float, on_time_up) -> None:
        self.timer = threading.Timer(max(seconds, 0.0), on_time_up)
        self.timer.daemon = True
        self.timer.start()

    def stop(self) -> None:
        self.timer.cancel()


@app.command()
def mock(
    format_id: Annotated[
        str | None, typer.Option("--format", help="A mock format id (see --list).")
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="No pause, no hints, auto-submit at time-out.")
    ] = False,
    resume: Annotated[
        int | None, typer.Option("--resume", help="Carry on with an unfinished session by id.")
    ] = None,
    list_formats: Annotated[bool, typer.Option("--list", help="List the formats.")] = False,
    directory: Annotated[
        Path, typer.Option("--dir", help="Where coding rounds' workspaces are created.")
    ] = Path("."),
    no_sandbox: NoSandbox = False,
) -> None:
    """A timed mock interview in the terminal; the clock survives a restart (--resume)."""
    from ..session.mock import MockError

    console = _console()
    with _service(sandbox=not no_sandbox) as service:
        if list_formats or (format_id is None and resume is None):
            for fmt in service.mock.formats().values():
                rounds = ", ".join(f"{r.kind} {r.minutes:g}m" for r in fmt.rounds)
                console.print(f"[bold]{fmt.id}[/] ({fmt.minutes:g} min): {fmt.title}: {rounds}",
                              highlight=False)  # fmt: skip
            if not list_formats:
                console.print("start one with: mldrill mock --format ID [--strict]")
            return
        try:
            session_id = resume if resume is not None else service.mock.create(format_id, strict)
            _drive(service, session_id, directory, console)
        except MockError as exc:
            _fail(str(exc))


def _drive(service, session_id: int, directory: Path, console) -> None:
    view = service.mock.view(session_id)
    console.print(f"[bold]{view.format_title}[/] ({view.mode} mode), session {view.id}; "
                  f"resume with: mldrill mock --resume {view.id}", highlight=False)  # fmt: skip
    while True:
        view = service.mock.view(session_id)
        if view.finished:
            break
        current = view.rounds[view.current]
        if current.state == "waiting":
            console.input(f"\nnext: round {current.position + 1}, {current.title} "
                          f"({current.minutes:g} min). [Enter] to start ")  # fmt: skip
            service.mock.start_round(session_id)
            continue
        if not _play_round(service, view, current, directory, console):
            running = " (strict mode: the clock keeps running)" if view.mode == "strict" else ""
            console.print(f"left the session{running}; resume with: "
                          f"mldrill mock --resume {session_id}", highlight=False)  # fmt: skip
            return
    _print_scorecard(console, service.mock.scorecard(session_id))


def _play_round(service, view, current, directory: Path, console) -> bool:
    """Run one round until it is submitted; False when the candidate leaves."""
    from ..session import workspace
    from ..session.formats import CODING

    prompt = service.mock.prompt(current.kind, current.item_id)
    console.rule(f"round {current.position + 1}/{len(view.rounds)}: {current.title}")
    console.print(f"[bold]{prompt['title']}[/]  time left {_clock(current.remaining_seconds)}",
                  highlight=False)  # fmt: skip
    folder = None
    if current.kind in CODING:
        folder = directory / f"mock-{view.id}-{current.position + 1}-{current.item_id}"
        if not (folder / workspace.MARKER).exists():
            workspace.create(service.problem(current.item_id), folder, service.clock())
        console.print(f"workspace: {folder} (statement.md, the files to edit, tests/public.py)")
    else:
        console.print(prompt["statement"], highlight=False)

    def snapshot() -> dict:
        if folder is None:
            return {"text": "".join(lines)}
        problem = service.problem(current.item_id)
        files = workspace.collect(problem, folder)
        return {"files": {n: d.decode("utf-8", "replace") for n, d in files.items()}}

    lines: list[str] = []
    watch = None
    if view.mode == "strict" and current.remaining_seconds is not None:

        def time_up() -> None:
            try:
                service.mock.save_draft(view.id, current.id, snapshot())
            except Exception:  # noqa: BLE001 - the round is submitted with the last draft
                pass
            service.mock.view(view.id)  # the service submits what was saved
            console.print("\n[yellow]time is up: your work was submitted. Press Enter.[/]")

        watch = _Watch(current.remaining_seconds, time_up)
    try:
        return _round_loop(service, view, current, folder, lines, snapshot, console)
    finally:
        if watch is not None:
            watch.stop()


def _round_loop(service, view, current, folder, lines, snapshot, console) -> bool:
    from ..session.mock import MockError

    console.print(f"[dim]{MENU['coding' if folder else 'text']}[/]")
    while True:
        try:
            line = sys.stdin.readline()
        except KeyboardInterrupt:
            return False
        if _submitted(service, view.id, current.id):
            _print_round(console, service.mock.view(view.id).rounds[current.position], service)
            return True
        command = line.strip()
        try:
            if command == "q" or line == "":
                if folder is None:
                    service.mock.save_draft(view.id, current.id, snapshot())
                return False
            if command == "h":
                console.print(f"[cyan]hint:[/] {service.mock.hint(view.id, current.id)}",
                              highlight=False)  # fmt: skip
            elif command == "p":
                service.mock.pause(view.id)
                console.input("paused. [Enter] to resume ")
                service.mock.resume(view.id)
            elif folder is not None and command == "t":
                _public_tests(service, folder, console)
            elif command == "" and (folder is not None or lines):
                service.mock.submit(view.id, current.id, snapshot())
            elif folder is None:
                lines.append(line)
                service.mock.save_draft(view.id, current.id, snapshot())
                continue
            else:
                console.print(f"[dim]{MENU['coding']}[/]")
                continue
        except MockError as exc:
            console.print(f"[yellow]{exc}[/]", highlight=False)
            continue
        left = service.mock.view(view.id).rounds[current.position]
        if left.state == "submitted":
            _print_round(console, left, service)
            return True
        console.print(f"[dim]time left {_clock(left.remaining_seconds)}[/]")


def _submitted(service, session_id: int, round_id: int) -> bool:
    view = service.mock.view(session_id)
    return any(r.id == round_id and r.state == "submitted" for r in view.rounds)


def _public_tests(service, folder: Path, console) -> None:
    from ..feedback.render import event_line

    result = service.run_workspace(folder, "public")
    for event in result.tests:
        console.print(event_line(event), highlight=False)


def _print_round(console, round_view, service) -> None:
    auto = " (submitted automatically at time-out)" if round_view.auto_submitted else ""
    if round_view.score is None:
        console.print(f"round submitted{auto}; results come at the end (strict mode)")
        return
    console.print(f"round score [bold]{round_view.score:.0f}[/]/100{auto}", highlight=False)
    reference = service.mock.reference(round_view.kind, round_view.item_id)  # practice mode
    _print_reference(console, {"title": round_view.item_title, **reference}, round_view.result)


def _print_scorecard(console, card) -> None:
    from rich.table import Table

    table = Table(title=f"scorecard: {card.session.format_title}", show_edge=False)
    for col in ("round", "kind", "question", "score", "time used", "notes"):
        table.add_column(col)
    for r in card.session.rounds:
        notes = []
        if r.auto_submitted:
            notes.append("auto-submitted")
        if r.hints_used:
            notes.append(f"{r.hints_used} hint(s)")
        table.add_row(r.title, r.kind, r.item_title[:50], f"{r.score or 0:.0f}",
                      f"{_clock(r.used_seconds)} / {r.minutes:g}m", ", ".join(notes))  # fmt: skip
    console.print(table)
    console.print(f"overall [bold]{card.score:.0f}[/]/100", highlight=False)
    dims = ", ".join(f"{k} {v:.0f}" for k, v in card.dimensions.items())
    console.print(f"by dimension: {dims}", highlight=False)
    sides = ", ".join(f"{k}: {v['rounds']} round(s), {v['minutes']:g} min, mean {v['score']:.0f}"
                      for k, v in card.balance.items())  # fmt: skip
    console.print(f"balance: {sides}", highlight=False)
    for r, ref in zip(card.session.rounds, card.references, strict=True):
        _print_reference(console, ref, r.result)
    if card.study_next:
        console.rule("study next")
        for line in card.study_next:
            console.print(f"- {line}", highlight=False)


def _print_reference(console, ref: dict, result: dict | None = None) -> None:
    console.rule(f"reference: {ref['title']}")
    if "model_answer" in ref and result and result.get("points"):
        from .study import show_verdicts

        show_verdicts(console, result)
        console.print("[bold]model answer[/]")
    if "model_answer" in ref:
        console.print(ref["model_answer"], highlight=False)
        for point in ref["points"]:
            console.print(f"- {point['description']} (weight {point['weight']:g})",
                          highlight=False)  # fmt: skip
    elif "files" in ref:
        for name, text in ref["files"].items():
            console.print(f"[bold]{name}[/]", highlight=False)
            console.print(text, highlight=False, markup=False)
    else:
        console.print("listen for: " + ", ".join(ref["competencies"]), highlight=False)


@app.command()
def report(
    html: Annotated[
        Path | None, typer.Option("--html", help="Write a standalone HTML report with charts.")
    ] = None,
    as_json: Json = False,
) -> None:
    """Topic mastery, theory vs coding balance, history and mock interviews."""
    from ..feedback.report import to_html

    with _service() as service:
        data = service.report()
        generated = service.clock().strftime("%Y-%m-%d %H:%M UTC")
    if html is not None:
        try:
            html.write_text(to_html(data, generated), encoding="utf-8")
        except OSError as exc:
            _fail(f"{html}: cannot write: {exc}")
        _console().print(f"wrote {html}")
        return
    if as_json:
        print(json.dumps(data.to_dict(), indent=2))
        return
    _print_report(data)


def _print_report(data) -> None:
    from rich.table import Table

    console = _console()
    table = Table(title="topic mastery (Elo; 1500 = start)", show_edge=False)
    for col in ("topic", "rating", "answers"):
        table.add_column(col)
    for topic, rating, n in data.mastery:
        table.add_row(topic, f"{rating:.0f}", str(n))
    console.print(table)
    for side, info in data.balance.items():
        mean = "–" if info["mean"] is None else f"{info['mean']:.0f}"
        console.print(f"{side}: {info['count']} graded, mean {mean}", highlight=False)
    if data.weakest:
        console.print("weakest: " + ", ".join(data.weakest), highlight=False)
    for m in data.mocks[:10]:
        score = "unfinished" if m["score"] is None else f"{m['score']:.0f}"
        console.print(f"mock {m['id']}: {m['format']} ({m['mode']}) {m['date']}: {score}",
                      highlight=False)  # fmt: skip


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    no_sandbox: NoSandbox = False,
) -> None:
    """The web app: dashboard, problems with an editor, mock interviews, review, stories."""
    import uvicorn

    from ..web.app import LOOPBACK_NAMES, create_app
    from .app import _state

    hosts = LOOPBACK_NAMES if host in LOOPBACK_NAMES else None
    application = create_app(db_url=_state["db"], sandbox=not no_sandbox, allowed_hosts=hosts)
    _console().print(f"mldrill web app on [bold]http://{host}:{port}/[/] (Ctrl+C stops it)",
                     highlight=False)  # fmt: skip
    uvicorn.run(application, host=host, port=port, log_level="warning")
