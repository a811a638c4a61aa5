"""End to end in a real browser: Debian's Chromium, headless, driven by Playwright.

Skipped only when Chromium is not installed (``make test`` installs it as root). A failed
test leaves a screenshot in ``artifacts/``.
"""

import random
import socket
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers import SHORT_FORMAT as SHORT
from helpers import THEORY_FIRST_FORMAT as THEORY_FIRST

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
ARTIFACTS = Path(__file__).parents[1] / "artifacts"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed")


class Clock:
    def __init__(self):
        self.now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
        self.lock = threading.Lock()

    def __call__(self):
        with self.lock:
            return self.now

    def advance(self, **delta):
        with self.lock:
            self.now += timedelta(**delta)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from mldrill.service import Service
    from mldrill.web.app import create_app

    root = tmp_path_factory.mktemp("e2e")
    formats = root / "formats"
    formats.mkdir()
    (formats / "short.toml").write_text(SHORT)
    (formats / "theory-first.toml").write_text(THEORY_FIRST)
    clock = Clock()
    svc = Service(db_url=f"sqlite:///{root / 'e2e.db'}", clock=clock, rng=random.Random(5))
    svc.mock.formats_root = formats
    port = _free_port()
    config = uvicorn.Config(create_app(service=svc), host="127.0.0.1", port=port,
                            log_level="warning")  # fmt: skip
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not instance.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "clock": clock, "service": svc}
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context()
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def _reference(server, problem_id="softmax") -> str:
    return server["service"].problem(problem_id).solution_files()["solution.py"].decode()


def _replace_code(page, code: str) -> None:
    """Select all in the editor, insert ``code``, then type a last line key by key."""
    editor = page.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code.rstrip("\n") + "\n")
    page.keyboard.type("# typed in the browser\n")


def test_solve_a_problem_in_the_editor_and_see_streamed_results(server, page):
    page.goto(server["url"] + "/problems/softmax")
    page.wait_for_selector(".cm-content")  # the CodeMirror bundle loaded
    assert page.get_by_role("timer").inner_text().strip()
    # A wrong answer first: results stream in, and a failing test can be stepped through.
    _replace_code(
        page,
        "import numpy as np\n\ndef softmax(x, axis=-1):\n"
        "    e = np.exp(x)\n    return e / e.sum(axis=axis, keepdims=True)\n",
    )
    page.get_by_role("button", name="Run public tests").click()
    page.wait_for_selector("[data-summary][data-status]")
    failing = page.locator("li.test.fail").first
    failing.get_by_role("button", name="Step through").click()
    viewer = failing.locator("section.trace")
    viewer.wait_for()
    before = viewer.locator("p.meta").first.inner_text()
    viewer.get_by_role("button", name="Next step").click()
    assert viewer.locator("p.meta").first.inner_text() != before
    assert viewer.locator("table.locals th").count() > 0
    # Then the reference, typed into the editor and submitted.
    _replace_code(page, _reference(server))
    page.get_by_role("button", name="Submit").click()
    page.wait_for_function(
        "document.querySelector('[data-summary]').dataset.status === 'pass'", timeout=60_000
    )
    summary = page.locator("[data-summary]").inner_text()
    assert summary.startswith("pass")
    tests = page.locator("ol[data-results] li.test")
    assert tests.count() >= 3 and page.locator("li.test.pass").count() == tests.count()


def test_answer_a_theory_question_and_see_the_rubric(server, page):
    page.goto(server["url"] + "/questions/l1_vs_l2")
    page.get_by_label("Your answer, as you would say it").fill(
        "L1 pushes many weights to exactly zero, so you get sparse models and feature "
        "selection. L2 shrinks all weights smoothly towards zero but rarely to zero."
    )
    page.keyboard.press("Tab")  # from the answer to the button, then Enter: keyboard only
    assert page.evaluate("document.activeElement.textContent") == "Grade my answer"
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-rubric-out] h2")
    assert page.locator("[data-rubric-out] h2").inner_text().startswith("Score:")
    assert page.locator("li.point").count() >= 2
    assert page.locator("li.point.covered").count() >= 1
    assert page.get_by_role("heading", name="Model answer").is_visible()


def test_a_strict_mock_interview_with_an_automatic_submission(server, page):
    page.goto(server["url"] + "/mock")
    page.get_by_label("Short screen", exact=False).check()
    page.get_by_label("Strict mode", exact=False).check()
    page.get_by_role("button", name="Start the interview").click()
    page.wait_for_url("**/mock/*")
    page.wait_for_selector(".cm-content")
    assert page.get_by_role("button", name="Pause").count() == 0  # strict: no pause
    _replace_code(page, _reference(server))
    page.get_by_role("button", name="Submit this round").click()
    page.wait_for_function("!document.querySelector('[data-text-area]').hidden")
    page.get_by_label("Your answer").fill("L1 gives sparse weights, exactly zero.")
    # The page saves the draft every couple of seconds; wait for one save to land.
    with page.expect_response(lambda r: r.request.method == "PUT" and "/draft" in r.url,
                              timeout=15_000):  # fmt: skip
        pass
    server["clock"].advance(minutes=16)  # past the theory round's deadline
    page.wait_for_selector("[data-scorecard]", timeout=60_000)
    text = page.locator("[data-scorecard]").inner_text()
    assert "submitted automatically at time-out" in text
    assert "Scorecard" in text
    # The theory round's reference shows the saved answer's verdict on every point.
    theory = page.locator("[data-scorecard] details").last
    theory.locator("summary").click()
    verdicts = theory.get_by_role("list", name="Your answer against the rubric").inner_text()
    assert "L1 gives sparse weights, exactly zero." in verdicts and "missed:" in verdicts


def test_practice_mode_shows_each_point_after_a_theory_round(server, page):
    page.goto(server["url"] + "/mock")
    page.get_by_label("Theory first", exact=False).check()
    page.get_by_role("button", name="Start the interview").click()
    page.wait_for_url("**/mock/*")
    page.wait_for_function("!document.querySelector('[data-text-area]').hidden")
    page.get_by_label("Your answer").fill(
        "L1 penalises absolute values, so it drives some weights exactly to zero. "
        "L2 gives sparse weights."
    )
    page.get_by_role("button", name="Submit this round").click()
    page.get_by_role("list", name="Your answer against the rubric").wait_for()
    text = page.locator("[data-round-result]").inner_text()
    assert "covered:" in text and "missed:" in text and "Model answer" in text
    assert "Misconception:" in text  # L2 does not give sparse weights
    # The next round waits, its question and editor hidden until its clock starts.
    start = page.get_by_role("button", name="Start this round")
    start.wait_for()
    assert "softmax" not in page.locator("[data-prompt]").inner_text().lower()
    assert page.locator("[data-code-area]").is_hidden()
    assert page.get_by_role("button", name="Hint (costs 10 points)").is_hidden()
    start.click()
    page.wait_for_selector(".cm-content")
    assert "softmax" in page.locator("[data-prompt]").inner_text().lower()
