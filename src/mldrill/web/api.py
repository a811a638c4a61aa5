"""The JSON API under ``/api`` (OpenAPI at ``/api/docs``). Thin: every route calls the service."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from .streaming import ndjson_events

router = APIRouter(prefix="/api")
MAX_FILE_CHARS = 200_000


def _svc(request: Request):
    return request.app.state.service


class RunRequest(BaseModel):
    files: dict[str, str] = Field(description="File name to text: solution.py, or the project")
    suite: Literal["public", "hidden"] = "public"


class AnswerRequest(BaseModel):
    answer: str = Field(max_length=20_000)
    semantic: bool = True


class SelfGradeRequest(BaseModel):
    item_id: str
    overrides: dict[str, Literal["covered", "partial", "missed"]]


class MockRequest(BaseModel):
    format: str
    strict: bool = False


class Draft(BaseModel):
    files: dict[str, str] | None = None
    text: str | None = Field(None, max_length=20_000)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.model_dump().items() if v is not None}


class RateRequest(BaseModel):
    rating: int = Field(ge=1, le=4, description="1 Again, 2 Hard, 3 Good, 4 Easy")
    suggested: int | None = Field(None, ge=1, le=4)
    score: float | None = None


class StoryFields(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    tags: list[str] = []


def problem_summary(p) -> dict:
    return {"id": p.id, "title": p.spec.title, "kind": str(p.kind), "topics": p.spec.topics,
            "difficulty": p.spec.difficulty, "minutes": p.spec.time_minutes,
            "summary": p.spec.summary, "requires": p.spec.requires}  # fmt: skip


@router.get("/problems", tags=["problems"])
def problems(request: Request, kind: str | None = None, topic: str | None = None,
             difficulty: str | None = None) -> list[dict]:  # fmt: skip
    found = _svc(request).problems(kind=kind, topic=topic)
    return [problem_summary(p) for p in found if not difficulty or p.spec.difficulty == difficulty]


@router.get("/problems/{problem_id}", tags=["problems"])
def problem(request: Request, problem_id: str) -> dict:
    p = _svc(request).problem(problem_id)
    files = {n: d.decode("utf-8") for n, d in p.starter_files().items()}
    return {**problem_summary(p), "statement": p.statement, "files": files,
            "hints": len(p.spec.hints)}  # fmt: skip


@router.post("/problems/{problem_id}/run", tags=["problems"])
def run(request: Request, problem_id: str, body: RunRequest) -> StreamingResponse:
    """Run the public tests or submit: NDJSON, one ``{"type": "test"}`` line per test as it
    finishes, then ``{"type": "result", "result": ...}`` (docs/results.md)."""
    svc = _svc(request)
    p = svc.problem(problem_id)
    if any(len(t) > MAX_FILE_CHARS for t in body.files.values()):
        raise HTTPException(413, f"a file is longer than {MAX_FILE_CHARS} characters")
    svc.check_files(p, body.files)  # a clear 400 now, not an error line in the stream

    def grading(emit) -> dict:
        def on_event(event) -> None:
            emit({"type": "test", **event.to_dict()})

        mode = "submit" if body.suite == "hidden" else "test"
        return svc.grade_files(p, body.files, mode, on_event, body.suite).to_dict()

    return StreamingResponse(ndjson_events(grading), media_type="application/x-ndjson")


class TraceRequest(BaseModel):
    files: dict[str, str]
    test: str | None = Field(None, description="A test name; default: the first failing one")
    suite: Literal["public", "hidden"] = "public"
    max_steps: int = Field(2000, ge=1, le=20_000)


@router.post("/problems/{problem_id}/trace", tags=["problems"])
def trace(request: Request, problem_id: str, body: TraceRequest) -> dict:
    """Run one test with the candidate's code traced line by line in the sandbox: the steps
    with their locals (values summarised); never the test's expected values."""
    result = _svc(request).trace_files(problem_id, body.files, body.test, body.suite,
                                       body.max_steps)  # fmt: skip
    if result is None:
        return {"trace": None, "detail": "every test passes: nothing to trace"}
    return {"trace": _with_text(result.to_dict())}


def _with_text(trace: dict) -> dict:
    """Add one line of text per summarised value, as the terminal shows it."""
    from ..judge.tracer import summary_text

    for call in trace["calls"]:
        call["arguments_text"] = [summary_text(a) for a in call["arguments"]]
        call["returned_text"] = summary_text(call["returned"]) if call["returned"] else None
        for step in call["steps"]:
            step["locals_text"] = {k: summary_text(v) for k, v in step["locals"].items()}
            step["value_text"] = summary_text(step["value"]) if step["value"] else None
    return trace


@router.get("/questions", tags=["questions"])
def questions(request: Request, kind: str | None = None, topic: str | None = None) -> list[dict]:
    return [{"id": i.id, "kind": i.kind, "title": i.title, "topics": i.topics,
             "difficulty": i.difficulty, "minutes": i.minutes}
            for i in _svc(request).study.items(kind=kind, topic=topic)]  # fmt: skip


@router.get("/questions/{item_id}", tags=["questions"])
def question(request: Request, item_id: str) -> dict:
    item = _svc(request).study.bank.item(item_id)
    return {"id": item.id, "kind": item.kind, "title": item.title, "question": item.question,
            "topics": item.topics, "minutes": item.minutes}  # fmt: skip


@router.post("/questions/{item_id}/answer", tags=["questions"])
def answer(request: Request, item_id: str, body: AnswerRequest) -> dict:
    """Grade an answer; the reply includes the whole rubric and the model answer."""
    svc = _svc(request)
    answer_id, result = svc.study.grade(item_id, body.answer, semantic=body.semantic)
    return {"answer_id": answer_id, "result": result.to_dict(),
            "rubric": svc.mock.reference("theory", item_id)}  # fmt: skip


@router.post("/answers/{answer_id}/self-grade", tags=["questions"])
def self_grade(request: Request, answer_id: int, body: SelfGradeRequest) -> dict:
    score = _svc(request).study.self_grade(answer_id, body.item_id, dict(body.overrides))
    return {"self_score": score}


@router.get("/formats", tags=["mock"])
def formats(request: Request) -> list[dict]:
    return [{"id": f.id, "title": f.title, "description": f.description, "minutes": f.minutes,
             "rounds": [r.model_dump() for r in f.rounds]}
            for f in _svc(request).mock.formats().values()]  # fmt: skip


@router.post("/mock", tags=["mock"])
def create_mock(request: Request, body: MockRequest) -> dict:
    svc = _svc(request)
    return svc.mock.view(svc.mock.create(body.format, body.strict)).to_dict()


@router.get("/mock/{session_id}", tags=["mock"])
def mock_state(request: Request, session_id: int) -> dict:
    """The session with remaining seconds per round; in strict mode a round whose time ran
    out is submitted (with its saved draft) before this answers. The current round's question
    is sent once the round has started."""
    svc = _svc(request)
    view = svc.mock.view(session_id)
    data = view.to_dict()
    if view.current is not None:
        current = view.rounds[view.current]
        from .app import render_markdown

        if current.state == "waiting":  # as in an interview: no question before the clock
            prompt = {"title": current.title, "files": {},
                      "statement": "The question appears when you start this round."}  # fmt: skip
            data["draft"] = {}
        else:
            prompt = svc.mock.prompt(current.kind, current.item_id)
            data["draft"] = svc.mock.store.round(current.id).draft or {}
        data["prompt"] = {**prompt, "statement_html": render_markdown(prompt["statement"])}
    return data


@router.post("/mock/{session_id}/{action}", tags=["mock"])
def mock_action(request: Request, session_id: int, action: Literal["start", "pause", "resume"]):
    mock = _svc(request).mock
    {"start": mock.start_round, "pause": mock.pause, "resume": mock.resume}[action](session_id)
    return mock.view(session_id).to_dict()


@router.put("/mock/{session_id}/rounds/{round_id}/draft", tags=["mock"])
def save_draft(request: Request, session_id: int, round_id: int, body: Draft) -> dict:
    _svc(request).mock.save_draft(session_id, round_id, body.as_dict())
    return {"saved": True}


@router.post("/mock/{session_id}/rounds/{round_id}/hint", tags=["mock"])
def hint(request: Request, session_id: int, round_id: int) -> dict:
    return {"hint": _svc(request).mock.hint(session_id, round_id)}


@router.post("/mock/{session_id}/rounds/{round_id}/submit", tags=["mock"])
def submit_round(request: Request, session_id: int, round_id: int, body: Draft) -> dict:
    """Submit the round. In practice mode the answer includes the round's result and its
    reference (``submitted``); strict mode keeps both for the end of the session."""
    svc = _svc(request)
    done = svc.mock.submit(session_id, round_id, body.as_dict())
    data = svc.mock.view(session_id).to_dict()
    if done.score is not None:
        data["submitted"] = {
            **done.to_dict(),
            "reference": svc.mock.reference(done.kind, done.item_id),
        }
    return data


@router.get("/mock/{session_id}/scorecard", tags=["mock"])
def scorecard(request: Request, session_id: int) -> dict:
    return _svc(request).mock.scorecard(session_id).to_dict()


@router.get("/review/due", tags=["review"])
def due(request: Request) -> list[dict]:
    return [{"key": c.key, "new": c.new, "problem_id": c.problem_id,
             "item": None if c.item is None else {"id": c.item.id, "title": c.item.title,
                                                  "question": c.item.question}}
            for c in _svc(request).study.due()]  # fmt: skip


@router.post("/review/{key}/rate", tags=["review"])
def rate(request: Request, key: str, body: RateRequest) -> dict:
    due_at = _svc(request).study.review(key, body.rating, body.suggested, body.score)
    return {"key": key, "due": due_at.isoformat()}


@router.get("/stories", tags=["stories"])
def stories(request: Request) -> list[dict]:
    study = _svc(request).study
    lint = study.lint_stories()
    return [{"id": s.id, "title": s.title, "situation": s.situation, "task": s.task,
             "action": s.action, "result": s.result, "tags": list(s.tags),
             "lint": lint.get(s.id, [])} for s in study.stories()]  # fmt: skip


@router.post("/stories", tags=["stories"])
def add_story(request: Request, body: StoryFields) -> dict:
    return {"id": _svc(request).study.add_story(body.model_dump())}


@router.put("/stories/{story_id}", tags=["stories"])
def edit_story(request: Request, story_id: int, body: StoryFields) -> dict:
    _svc(request).study.edit_story(story_id, body.model_dump())
    return {"id": story_id}


@router.get("/stories/cover", tags=["stories"])
def cover(request: Request, semantic: bool = True) -> dict:
    result = _svc(request).study.cover(semantic=semantic)
    return {
        "chosen": [s.id for s in result.chosen],
        "answered_by": result.answered_by,
        "uncovered": [{"id": q.id, "question": q.question} for q in result.uncovered],
    }


@router.get("/report", tags=["progress"])
def report(request: Request) -> dict:
    return _svc(request).report().to_dict()


@router.get("/history", tags=["progress"])
def history(request: Request, problem_id: str | None = None, limit: int = 50) -> list[dict]:
    return [{"id": a.id, "problem": a.problem_id, "mode": a.mode, "status": a.status,
             "score": a.score, "created_at": a.created_at.isoformat()}
            for a in _svc(request).history(problem_id, min(limit, 500))]  # fmt: skip
