"""CLI for theory and design answers, reviews, Anki export and the story bank."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .app import Json, _console, _fail, _service, app

stories_app = typer.Typer(help="Your behavioural stories (STAR) and the questions they answer.")
export_app = typer.Typer(help="Export to other tools.")
app.add_typer(stories_app, name="stories")
app.add_typer(export_app, name="export")

NoSemantic = Annotated[
    bool,
    typer.Option("--no-semantic", help="Match on words only, without the embedding model."),
]
STATUS_STYLE = {"covered": "green", "partial": "yellow", "missed": "red"}


def _read_answer(answer_file: Path | None, until_blank: bool = False) -> str:
    """From a file; else from stdin, up to an empty line when typed (or ``until_blank``)."""
    if answer_file is not None:
        if not answer_file.is_file():
            _fail(f"{answer_file}: no such file")
        return answer_file.read_text(encoding="utf-8")
    if sys.stdin.isatty() or until_blank:
        _console().print("[dim]type your answer; finish with an empty line[/]")
        lines = []
        for line in sys.stdin:
            if not line.strip():
                break
            lines.append(line)
        return "".join(lines)
    return sys.stdin.read()


def show_verdicts(console, result: dict) -> None:
    """A rubric result (``RubricResult.to_dict()``, as a mock round also stores it): each
    point's verdict, evidence and missing concepts, then the misconceptions with corrections."""
    from rich.markup import escape  # rubric text such as E[x] is not markup

    for point in result.get("points", []):
        status = point["status"]
        console.print(f"[{STATUS_STYLE[status]}]{status:>8}[/] {escape(point['description'])}",
                      highlight=False)  # fmt: skip
        if point.get("evidence"):
            console.print(f'          [dim]evidence:[/] "{escape(point["evidence"])}"',
                          highlight=False)  # fmt: skip
        if point.get("concepts_missing") and status != "covered":
            console.print(f"          [dim]missing:[/] {', '.join(point['concepts_missing'])}",
                          highlight=False)  # fmt: skip
    for wrong in result.get("misconceptions", []):
        console.print(f'[magenta]misconception[/] "{escape(wrong["evidence"])}"', highlight=False)
        console.print(f"          [dim]correction:[/] {escape(wrong['correction'])}",
                      highlight=False)  # fmt: skip


def show_rubric_result(console, item, result) -> None:
    """Per point verdict and evidence, misconceptions, then the whole rubric and model answer."""
    from rich.markup import escape

    show_verdicts(console, result.to_dict())
    console.print(f"[bold]score {result.score:.0f}/100[/]"
                  + ("" if result.semantic else " [dim](words only)[/]"))  # fmt: skip
    console.print("\n[bold]rubric[/]")
    for point in item.points:
        console.print(f"  ({point.weight:g}) {escape(point.description)}", highlight=False)
    console.print("\n[bold]model answer[/]\n" + escape(item.model_answer.strip()), highlight=False)
    console.print("\n[bold]an interviewer would follow up with[/]")
    for follow in item.follow_ups:
        console.print(f"  - {escape(follow)}", highlight=False)


@app.command()
def answer(
    item_id: Annotated[str, typer.Argument(help="Theory or design question id.")],
    answer_file: Annotated[
        Path | None, typer.Option("--file", help="Read the answer from a file (else stdin).")
    ] = None,
    self_grade: Annotated[
        bool, typer.Option("--self-grade", help="Practice mode: override each point yourself.")
    ] = False,
    no_semantic: NoSemantic = False,
    as_json: Json = False,
) -> None:
    """Answer a theory or design question and see it graded against the full rubric."""
    console = _console()
    with _service() as service:
        item = service.study.bank.item(item_id)
        if not as_json and answer_file is None:
            console.print(f"[bold]{item.title}[/] ({item.minutes} min)\n{item.question}")
        text = _read_answer(answer_file)
        if not text.strip():
            _fail("empty answer")
        answer_id, result = service.study.grade(item.id, text, semantic=not no_semantic)
        if as_json:
            print(json.dumps({"answer_id": answer_id, **result.to_dict()}, indent=2))
            return
        show_rubric_result(console, item, result)
        if self_grade:
            overrides = {}
            for point in result.points:
                choice = typer.prompt(
                    f"{point.id}: covered, partial or missed?", default=str(point.status)
                )
                if choice not in STATUS_STYLE:
                    _fail(f"{choice!r}: answer covered, partial or missed")
                overrides[point.id] = choice
            score = service.study.self_grade(answer_id, item.id, overrides)
            console.print(f"self-graded {score:.0f}/100 (automatic {result.score:.0f})")


@app.command()
def review(
    limit: Annotated[int, typer.Option(help="At most this many cards.")] = 20,
    no_semantic: NoSemantic = False,
) -> None:
    """A session of due cards: answer, see the rubric result, rate (suggestion preselected)."""
    from ..study.scheduling import RATING_NAMES, suggest_rating

    console = _console()
    names = {v: k for k, v in RATING_NAMES.items()}
    with _service() as service:
        due = service.study.due()[:limit]
        if not due:
            console.print("nothing is due: come back later")
            return
        for card in due:
            score = None
            if card.item is not None:
                console.print(f"\n[bold]{card.item.title}[/]\n{card.item.question}")
                text = _read_answer(None, until_blank=True)
                _, result = service.study.grade(card.item.id, text or " ", not no_semantic)
                show_rubric_result(console, card.item, result)
                score = result.score
                suggested = suggest_rating(score)
            else:
                problem = service.problem(card.problem_id)
                console.print(f"\n[bold]coding problem {problem.id}[/]: {problem.spec.summary}\n"
                              f"solve it again with `mldrill start {problem.id}`; rate how well "
                              "you remember the approach", highlight=False)  # fmt: skip
                suggested = 3
            choice = typer.prompt(
                "rating (again, hard, good, easy)", default=RATING_NAMES[suggested]
            )
            if choice not in names:
                _fail(f"{choice!r}: answer again, hard, good or easy")
            due_at = service.study.review(card.key, names[choice], suggested, score)
            console.print(f"next review: {due_at:%Y-%m-%d %H:%M} UTC")


@export_app.command("anki")
def export_anki(path: Annotated[Path, typer.Argument(help="The .apkg file to write.")]) -> None:
    """Every theory and design item as an Anki deck (stable ids: re-export updates it)."""
    if path.suffix != ".apkg":
        _fail(f"{path}: the file name should end in .apkg")
    with _service() as service:
        count = service.study.export_anki(path)
    _console().print(f"wrote {count} notes to {path}")


@stories_app.command("add")
def stories_add(
    title: Annotated[str, typer.Option(help="A short name for the story.")],
    situation: Annotated[str, typer.Option(help="S: the context.")],
    task: Annotated[str, typer.Option(help="T: what you had to do.")],
    action: Annotated[str, typer.Option(help="A: what you did (say 'I').")],
    result: Annotated[str, typer.Option(help="R: the outcome, quantified, or the lesson.")],
    tag: Annotated[list[str], typer.Option("--tag", help="A competency it shows (repeat).")] = [],  # noqa: B006
) -> None:
    """Add a story; it is linted right away."""
    fields = {"title": title, "situation": situation, "task": task, "action": action,
              "result": result, "tags": list(tag)}  # fmt: skip
    with _service() as service:
        story_id = service.study.add_story(fields)
        problems = service.study.lint_stories()[story_id]
    console = _console()
    console.print(f"story {story_id} saved")
    for problem in problems:
        console.print(f"  [yellow]lint[/] {problem}", highlight=False)


@stories_app.command("edit")
def stories_edit(
    story_id: Annotated[int, typer.Argument(help="Story id (see `stories list`).")],
    title: Annotated[str | None, typer.Option(help="New title.")] = None,
    situation: Annotated[str | None, typer.Option(help="New situation.")] = None,
    task: Annotated[str | None, typer.Option(help="New task.")] = None,
    action: Annotated[str | None, typer.Option(help="New action.")] = None,
    result: Annotated[str | None, typer.Option(help="New result.")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Replace the tags.")] = None,
) -> None:
    """Change parts of a story."""
    fields = {"title": title, "situation": situation, "task": task, "action": action,
              "result": result, "tags": list(tag) if tag else None}  # fmt: skip
    with _service() as service:
        try:
            service.study.edit_story(story_id, fields)
        except KeyError:
            _fail(f"no story {story_id}; see `mldrill stories list`")
    _console().print(f"story {story_id} updated")


@stories_app.command("list")
def stories_list(as_json: Json = False) -> None:
    """Your stories with their tags and spoken length."""
    with _service() as service:
        stories = service.study.stories()
    if as_json:
        print(json.dumps([s.__dict__ | {"tags": list(s.tags)} for s in stories], indent=2))
        return
    from rich.table import Table

    table = Table("id", "title", "tags", "minutes", show_edge=False)
    for s in stories:
        table.add_row(str(s.id), s.title, ", ".join(s.tags), f"{len(s.text.split()) / 150:.1f}")
    _console().print(table if stories else "no stories yet: `mldrill stories add --help`")


@stories_app.command("lint")
def stories_lint(as_json: Json = False) -> None:
    """Check every story: STAR parts, a quantified result or lesson, 1.5-3 min, 'I' over 'we'."""
    with _service() as service:
        findings = service.study.lint_stories()
    if as_json:
        print(json.dumps({str(k): v for k, v in findings.items()}, indent=2))
    else:
        console = _console()
        for story_id, problems in findings.items():
            console.print(f"story {story_id}: " + ("[green]ready[/]" if not problems else ""))
            for problem in problems:
                console.print(f"  [yellow]-[/] {problem}", highlight=False)
    if any(findings.values()):
        raise typer.Exit(1)


@stories_app.command("cover")
def stories_cover(no_semantic: NoSemantic = False, as_json: Json = False) -> None:
    """The smallest set of your stories that answers every behavioural question."""
    with _service() as service:
        result = service.study.cover(semantic=not no_semantic)
        total = len(service.study.bank.behavioral)
    if as_json:
        print(json.dumps({"chosen": [s.id for s in result.chosen],
                          "answered_by": result.answered_by,
                          "uncovered": [q.id for q in result.uncovered]}, indent=2))  # fmt: skip
        return
    console = _console()
    console.print(f"{len(result.chosen)} stories answer {total - len(result.uncovered)} of "
                  f"{total} questions:", highlight=False)  # fmt: skip
    for story in result.chosen:
        console.print(f"  {story.id}: {story.title}", highlight=False)
    if result.uncovered:
        console.print("[yellow]no story answers yet:[/]")
        for question in result.uncovered:
            console.print(f"  - {question.question} ({', '.join(question.competencies)})",
                          highlight=False)  # fmt: skip
