"""The web app: ``create_app`` builds FastAPI with the pages and the ``/api`` routes.

Pages are Jinja2 templates with a little JavaScript (static/app.js); the code editor is
CodeMirror 6, bundled from pinned npm packages during set-up into static/build/editor.js,
and a plain textarea when that bundle is missing.
"""

from __future__ import annotations

import os
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markdown_it import MarkdownIt

from ..bank.loader import ProblemLoadError
from ..bank.taxonomy import all_topics
from ..judge.tracer import UnknownTest
from ..session.mock import MockError, MockNotFound
from ..session.workspace import WorkspaceError
from . import api

HERE = Path(__file__).parent
STATIC = HERE / "static"
_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")


def render_markdown(text: str) -> str:
    """Statements are our own Markdown; raw HTML in them is escaped, never passed through."""
    return _markdown.render(text)


def editor_bundle() -> bool:
    return (STATIC / "build" / "editor.js").is_file()


LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]", "::1"]


def create_app(
    db_url: str | None = None,
    sandbox: bool = True,
    service=None,
    allowed_hosts: list[str] | None = None,
) -> FastAPI:
    """The app over ``service`` (tests inject one with a fake clock), or a new Service.

    ``allowed_hosts`` restricts the Host header (``serve`` on a loopback address passes the
    loopback names), so a web page elsewhere cannot reach the app through DNS rebinding."""
    if service is None:
        from ..service import Service

        service = Service(db_url=db_url, sandbox=sandbox, judges=max(os.cpu_count() or 1, 1))

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        service.close()

    app = FastAPI(title="mldrill", docs_url="/api/docs", openapi_url="/api/openapi.json",
                  redoc_url=None, lifespan=lifespan)  # fmt: skip
    app.state.service = service
    if allowed_hosts:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.include_router(api.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.filters["markdown"] = render_markdown
    templates.env.globals["editor_bundle"] = editor_bundle

    @app.exception_handler(ProblemLoadError)
    @app.exception_handler(WorkspaceError)
    @app.exception_handler(MockError)
    @app.exception_handler(UnknownTest)
    async def user_error(request: Request, exc: Exception):
        return _error(request, templates, _status(exc), str(exc))

    @app.exception_handler(KeyError)
    async def not_found(request: Request, exc: KeyError):
        return _error(request, templates, 404, str(exc.args[0] if exc.args else exc))

    def page(name: str, request: Request, **context) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard(request: Request):
        from ..feedback.report import chart_svgs

        data = service.report()
        overview = service.overview()
        return page("dashboard.html", request, report=data, charts=chart_svgs(data),
                    overview=overview, due=len(service.study.due()))  # fmt: skip

    @app.get("/problems", response_class=HTMLResponse, include_in_schema=False)
    def problem_list(request: Request, kind: str = "", topic: str = "", difficulty: str = ""):
        found = service.problems(kind=kind or None, topic=topic or None)
        found = [p for p in found if not difficulty or p.spec.difficulty == difficulty]
        best = service.store.best_scores()
        return page("problems.html", request, problems=found, best=best, kind=kind,
                    topic=topic, difficulty=difficulty, topics=all_topics())  # fmt: skip

    @app.get("/problems/{problem_id}", response_class=HTMLResponse, include_in_schema=False)
    def solve(request: Request, problem_id: str):
        problem = service.problem(problem_id)
        files = {n: d.decode("utf-8") for n, d in problem.starter_files().items()}
        return page("solve.html", request, problem=problem, files=files)

    @app.get("/questions", response_class=HTMLResponse, include_in_schema=False)
    def question_list(request: Request, kind: str = "", topic: str = ""):
        items = service.study.items(kind=kind or None, topic=topic or None)
        return page("questions.html", request, items=items, kind=kind, topic=topic,
                    topics=all_topics())  # fmt: skip

    @app.get("/questions/{item_id}", response_class=HTMLResponse, include_in_schema=False)
    def answer_page(request: Request, item_id: str):
        return page("answer.html", request, item=service.study.bank.item(item_id))

    @app.get("/mock", response_class=HTMLResponse, include_in_schema=False)
    def mock_index(request: Request):
        return page("mock_index.html", request, formats=service.mock.formats().values(),
                    sessions=service.mock.sessions(limit=20))  # fmt: skip

    @app.get("/mock/{session_id}", response_class=HTMLResponse, include_in_schema=False)
    def mock_session(request: Request, session_id: int):
        view = service.mock.view(session_id)
        card = service.mock.scorecard(session_id) if view.finished else None
        return page("mock_session.html", request, view=view, card=card)

    @app.get("/review", response_class=HTMLResponse, include_in_schema=False)
    def review(request: Request):
        return page("review.html", request, cards=service.study.due())

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories(request: Request):
        study = service.study
        return page("stories.html", request, stories=study.stories(),
                    lint=study.lint_stories())  # fmt: skip

    return app


def _status(exc: Exception) -> int:
    """404 for something that does not exist (a problem, question, test or session), else 400."""
    if isinstance(exc, UnknownTest | MockNotFound):
        return 404
    message = str(exc)
    if isinstance(exc, ProblemLoadError) and message.startswith(("unknown ", "no such")):
        return 404
    return 400


def _error(request: Request, templates, status: int, message: str):
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": message}, status_code=status)
    return templates.TemplateResponse(request, "error.html", {"message": message},
                                      status_code=status)  # fmt: skip
