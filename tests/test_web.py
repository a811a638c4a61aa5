"""The web app through an ASGI client: pages, the JSON API, streaming, mock flow, tracing."""

import html
import json
import random
import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from mldrill.service import Service
from mldrill.web.app import create_app

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
UNSTABLE = "import numpy as np\n\ndef softmax(x, axis=-1):\n    e = np.exp(x)\n    return e / e.sum(axis=axis, keepdims=True)\n"  # noqa: E501


class Clock:
    def __init__(self):
        self.now = T0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def client(tmp_path, clock):
    svc = Service(db_url=f"sqlite:///{tmp_path / 'web.db'}", clock=clock, rng=random.Random(3))
    with TestClient(create_app(service=svc)) as c:
        yield c


def lines(response):
    return [json.loads(line) for line in response.text.splitlines() if line]


class _Controls(HTMLParser):
    """Form controls and buttons, and what labels them."""

    def __init__(self):
        super().__init__()
        self.controls, self.labels, self.buttons = [], set(), []
        self._in_button = None
        self._in_label = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "label":
            self._in_label += 1
            if "for" in a:
                self.labels.add(a["for"])
        if tag in ("input", "select", "textarea"):
            self.controls.append({**a, "wrapped": self._in_label > 0})
        if tag == "button":
            self._in_button = a
            self.buttons.append([a, ""])

    def handle_data(self, data):
        if self._in_button is not None:
            self.buttons[-1][1] += data.strip()

    def handle_endtag(self, tag):
        if tag == "label":
            self._in_label -= 1
        if tag == "button":
            self._in_button = None


PAGES = ["/", "/problems", "/problems?kind=debug", "/problems/softmax",
         "/problems/train_loop_bugs", "/questions", "/questions/l1_vs_l2", "/mock", "/review",
         "/stories"]  # fmt: skip


@pytest.mark.parametrize("url", PAGES)
def test_pages_render_and_every_control_has_a_label(client, url):
    response = client.get(url)
    assert response.status_code == 200
    parsed = _Controls()
    parsed.feed(response.text)
    for control in parsed.controls:
        if control.get("type") in ("hidden", "submit"):
            continue
        labelled = (control["wrapped"] or control.get("id") in parsed.labels
                    or control.get("aria-label"))  # fmt: skip
        assert labelled, f"{url}: unlabelled control {control}"
    for attrs, text in parsed.buttons:
        assert text or attrs.get("aria-label"), f"{url}: a button without a name"


def test_unknown_things_are_404_with_a_reason(client):
    assert client.get("/problems/nope").status_code == 404
    response = client.get("/api/problems/nope")
    assert response.status_code == 404 and "nope" in response.json()["detail"]
    assert client.get("/api/mock/999").status_code == 404


def test_openapi_lists_the_api(client):
    spec = client.get("/api/openapi.json").json()
    assert "/api/problems/{problem_id}/run" in spec["paths"]
    assert "/api/mock/{session_id}/rounds/{round_id}/submit" in spec["paths"]


def test_run_streams_one_line_per_test_then_the_result(client):
    starter = client.get("/api/problems/softmax").json()
    response = client.post("/api/problems/softmax/run",
                           json={"files": starter["files"], "suite": "public"})  # fmt: skip
    assert response.headers["content-type"].startswith("application/x-ndjson")
    out = lines(response)
    tests = [x for x in out if x["type"] == "test"]
    assert tests and out[-1]["type"] == "result"
    assert [t["name"] for t in tests] == [t["name"] for t in out[-1]["result"]["tests"]]
    assert out[-1]["result"]["status"] != "pass"  # the starter is not a solution


def test_submission_of_the_reference_passes_and_is_recorded(client):
    svc = client.app.state.service
    files = {n: d.decode() for n, d in svc.problem("softmax").solution_files().items()}
    out = lines(client.post("/api/problems/softmax/run", json={"files": files, "suite": "hidden"}))
    assert out[-1]["result"]["status"] == "pass"
    history = client.get("/api/history").json()
    assert history[0]["problem"] == "softmax" and history[0]["mode"] == "submit"


def test_files_that_are_not_the_problems_are_refused(client):
    response = client.post("/api/problems/softmax/run",
                           json={"files": {"../evil.py": "x = 1"}, "suite": "public"})  # fmt: skip
    assert response.status_code == 400 and "unexpected file" in response.json()["detail"]


def test_trace_of_a_failing_test_has_steps_and_text(client):
    response = client.post("/api/problems/softmax/trace",
                           json={"files": {"solution.py": UNSTABLE}})  # fmt: skip
    assert response.status_code == 200, response.text
    trace = response.json()["trace"]
    steps = [s for c in trace["calls"] for s in c["steps"]]
    assert steps and all("locals_text" in s for s in steps)
    assert any("e = np.exp(x)" in s["source"] for s in steps)
    bad = client.post("/api/problems/softmax/trace",
                      json={"files": {"solution.py": UNSTABLE}, "test": "test_nope"})  # fmt: skip
    assert bad.status_code == 404 and "test_nope" in bad.json()["detail"]


def test_theory_answer_returns_the_rubric_and_self_grading_is_kept(client):
    response = client.post("/api/questions/l1_vs_l2/answer",
                           json={"answer": "The lasso zeroes out coefficients, so it does "
                                 "feature selection: many weights end up exactly zero and you "
                                 "get a sparse model. Ridge only shrinks weights smoothly toward "
                                 "zero and rarely makes them exactly zero.",
                                 "semantic": False})  # fmt: skip
    data = response.json()
    assert data["rubric"]["model_answer"] and data["rubric"]["points"]
    points = {p["id"]: p["status"] for p in data["result"]["points"]}
    assert "covered" in points.values()
    overrides = {pid: "covered" for pid in points}
    graded = client.post(f"/api/answers/{data['answer_id']}/self-grade",
                         json={"item_id": "l1_vs_l2", "overrides": overrides})  # fmt: skip
    assert graded.json()["self_score"] == 100.0


def test_mock_flow_over_the_api(client, clock):
    view = client.post("/api/mock", json={"format": "coding-screen", "strict": True}).json()
    sid = view["id"]
    state = client.get(f"/api/mock/{sid}").json()
    first = state["rounds"][0]
    assert state["prompt"]["files"] and first["remaining_seconds"] == 20 * 60
    saved = client.put(f"/api/mock/{sid}/rounds/{first['id']}/draft",
                       json={"files": {"solution.py": "def f():\n    pass\n"}})  # fmt: skip
    assert saved.json() == {"saved": True}
    assert client.get(f"/api/mock/{sid}").json()["draft"]["files"]["solution.py"].startswith("def")
    refused = client.post(f"/api/mock/{sid}/pause")
    assert refused.status_code == 400 and "strict" in refused.json()["detail"]
    clock.now += timedelta(minutes=21)
    state = client.get(f"/api/mock/{sid}").json()
    assert state["rounds"][0]["auto_submitted"] and state["current"] == 1
    assert client.get(f"/api/mock/{sid}/scorecard").status_code == 400  # not over yet
    second = state["rounds"][1]
    after = client.post(f"/api/mock/{sid}/rounds/{second['id']}/submit", json={}).json()
    assert after["finished"]
    card = client.get(f"/api/mock/{sid}/scorecard").json()
    assert len(card["references"]) == 2 and card["study_next"]
    page = client.get(f"/mock/{sid}").text
    assert "Scorecard" in page and "submitted automatically at time-out" in page


def test_scorecard_shows_each_theory_point_with_its_evidence(client, clock):
    from mldrill.bank.questions import builtin_questions

    view = client.post("/api/mock", json={"format": "ml-fundamentals", "strict": True}).json()
    sid = view["id"]
    clock.now += timedelta(minutes=26)  # the implementation round times out
    theory = client.get(f"/api/mock/{sid}").json()["rounds"][1]
    item = builtin_questions().item(theory["item_id"])
    client.post(f"/api/mock/{sid}/rounds/{theory['id']}/submit", json={"text": item.model_answer})
    clock.now += timedelta(minutes=30)  # the last two rounds time out unanswered
    card = client.get(f"/api/mock/{sid}/scorecard").json()
    assert card["session"]["rounds"][1]["result"]["points"]
    page = client.get(f"/mock/{sid}").text
    first = item.points[0]
    assert (
        f'data-point="{first.id}"><strong>covered:</strong> {html.escape(first.description)}'
        in (page)
    )
    assert "<blockquote>" in page and "<h4>Model answer</h4>" in page
    assert "<strong>missed:</strong>" in page  # the unanswered rounds


def test_practice_mode_returns_the_reference_after_each_round(client):
    view = client.post("/api/mock", json={"format": "behavioral", "strict": False}).json()
    first = view["rounds"][0]
    after = client.post(
        f"/api/mock/{view['id']}/rounds/{first['id']}/submit",
        json={"text": "I led a project and as a result latency fell 30%."},
    )
    submitted = after.json()["submitted"]
    assert submitted["score"] is not None and submitted["reference"]["competencies"]
    second = after.json()["rounds"][1]["id"]
    # The next round waits: neither its question nor a hint until its clock starts.
    early = client.post(f"/api/mock/{view['id']}/rounds/{second}/hint")
    assert early.status_code == 400 and "not started" in early.json()["detail"]
    waiting = client.get(f"/api/mock/{view['id']}").json()
    assert waiting["rounds"][1]["state"] == "waiting"
    assert waiting["prompt"]["statement"] == "The question appears when you start this round."
    started = client.post(f"/api/mock/{view['id']}/start").json()
    assert started["rounds"][1]["state"] == "running"
    question = client.get(f"/api/mock/{view['id']}").json()["prompt"]["statement"]
    assert question != waiting["prompt"]["statement"] and question.endswith("?")
    hint = client.post(f"/api/mock/{view['id']}/rounds/{second}/hint")
    assert hint.status_code == 200 and hint.json()["hint"]


def test_review_and_stories_over_the_api(client):
    due = client.get("/api/review/due").json()
    assert due and due[0]["key"].startswith("theory:")
    rated = client.post(f"/api/review/{due[0]['key']}/rate", json={"rating": 3, "suggested": 3})
    assert re.match(r"\d{4}-\d\d-\d\d", rated.json()["due"])
    story = {"title": "Fixed the pipeline", "situation": "At my last job the nightly data "
             "pipeline failed twice a week.", "task": "I had to make it reliable within a month.",
             "action": "I added checks, I wrote alerts and I rewrote the slowest stage.",
             "result": "Failures fell to zero for six months and runtime dropped 40%.",
             "tags": ["ownership"]}  # fmt: skip
    assert client.post("/api/stories", json=story).status_code == 200
    listed = client.get("/api/stories").json()
    assert listed[0]["title"] == "Fixed the pipeline" and isinstance(listed[0]["lint"], list)
    assert client.post("/api/stories", json={"title": ""}).status_code == 422
    cover = client.get("/api/stories/cover", params={"semantic": False}).json()
    assert cover["chosen"] == [listed[0]["id"]]
    edited = client.put(f"/api/stories/{listed[0]['id']}", json={**story, "title": "Renamed"})
    assert edited.status_code == 200
    assert client.get("/api/stories").json()[0]["title"] == "Renamed"
    assert client.put("/api/stories/999", json=story).status_code == 404
    page = client.get("/stories").text
    parsed = _Controls()
    parsed.feed(page)
    ids = [c["id"] for c in parsed.controls if "id" in c]
    assert len(ids) == len(set(ids)) and all(i in parsed.labels for i in ids)
    assert 'value="Renamed"' in page  # the edit form is filled in


def test_a_loopback_server_refuses_other_host_names(tmp_path):
    svc = Service(db_url=f"sqlite:///{tmp_path / 'hosts.db'}")
    app = create_app(service=svc, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/formats").status_code == 200
        assert c.get("/api/formats", headers={"host": "evil.example"}).status_code == 400
