"""The step tracer: traced calls in the box, trace_case on the trusted side, and the CLI."""

import io
import json
import textwrap
from pathlib import Path

import numpy as np
import pytest
from helpers import SECRET, build_problem
from typer.testing import CliRunner

from mldrill.cli.app import app
from mldrill.cli.trace import changed_locals, step_through
from mldrill.judge.box.tracing import exception_summary, summarise
from mldrill.judge.outcomes import Outcome
from mldrill.judge.tracer import (
    HIDDEN_MESSAGE,
    MAX_CALLS,
    UnknownTest,
    summary_text,
    trace_case,
)

BANK = Path(__file__).parents[1] / "src" / "mldrill" / "bank" / "problems"

TESTS = """
import numpy as np
from mldrill.grading.testkit import case, expect_close, expect_equal


@case("correctness")
def test_total(sol):
    expect_equal(sol.total([1, 2, 3]), 6, what="total([1, 2, 3])")


@case("correctness")
def test_scale(sol):
    expect_close(sol.scale(np.array([[1.0, 2.0], [3.0, 4.0]]), factor=2.0),
                 np.array([[2.0, 4.0], [6.0, 8.0]]))


@case("correctness")
def test_count(sol):
    expect_equal(sol.count(1000), 1000, what="count(1000)")


@case("correctness")
def test_many_calls(sol):
    for i in range(25):
        expect_equal(sol.total([i]), i, what="total([i])")
"""

REFERENCE = """
import numpy as np


def total(xs):
    return sum(xs)


def scale(x, factor):
    return x * factor


def count(n):
    return n
"""

WRONG = """
import numpy as np


def total(xs):
    s = 0
    for x in xs[1:]:
        s += x
    return s


def scale(x, factor):
    y = x * factor
    return y + np.array([np.inf, 0.0])


def count(n):
    c = 0
    for _ in range(n):
        c += 1
    return c
"""


@pytest.fixture(scope="module")
def adder(tmp_path_factory):
    root = tmp_path_factory.mktemp("trace-bank")
    return build_problem(root, TESTS, REFERENCE, public=TESTS, problem_id="adder")


def files(source: str) -> dict[str, bytes]:
    return {"solution.py": textwrap.dedent(source).encode()}


def repr_of(summary: dict) -> str:
    return summary.get("repr", "")


def test_loop_lines_come_in_order_with_changing_locals(adder, zygote):
    trace = trace_case(adder, files(WRONG), "test_total", zygote)
    assert trace.status is Outcome.FAIL and "expected 6, got 5" in trace.message
    [call] = trace.calls
    assert call.function == "total" and summary_text(call.arguments[0]) == "list of 3 [1, 2, 3]"
    lines = [(s.event, s.line) for s in call.steps]
    assert lines == [("line", 6), ("line", 7), ("line", 8), ("line", 7), ("line", 8),
                     ("line", 7), ("line", 9), ("return", 9)]  # fmt: skip
    assert [s.source for s in call.steps[:3]] == ["s = 0", "for x in xs[1:]:", "s += x"]
    loop_values = [repr_of(s.locals["x"]) for s in call.steps if s.source == "s += x"]
    assert loop_values == ["2", "3"]  # the first element was skipped: the bug, visible
    assert repr_of(call.steps[-1].value) == "5" and repr_of(call.returned) == "5"
    assert all(s.file == "solution.py" and s.function == "total" for s in call.steps)
    changes = changed_locals(call)
    assert set(changes[0]) == {"xs"} and set(changes[2]) == {"x"} and set(changes[3]) == {"s"}


def test_numpy_arrays_are_summarised_with_shape_dtype_and_values(adder, zygote):
    trace = trace_case(adder, files(WRONG), "test_scale", zygote)
    [call] = trace.calls
    assert call.keywords["factor"] == {"type": "float", "repr": "2.0"}
    x = call.steps[0].locals["x"]
    assert x["type"] == "ndarray" and x["shape"] == [2, 2] and x["dtype"] == "float64"
    assert x["head"] == ["1.0", "2.0", "3.0", "4.0"] and (x["min"], x["max"]) == ("1.0", "4.0")
    assert summary_text(x) == "array float64 (2, 2) [1.0, 2.0, 3.0, 4.0] min 1.0 max 4.0"
    returned = call.returned
    assert returned["inf"] == 2 and returned["nan"] == 0 and "min" not in returned


def test_step_bound_truncates_and_says_so(adder, zygote):
    trace = trace_case(adder, files(WRONG), "test_count", zygote, max_steps=50)
    assert trace.status is Outcome.PASS
    [call] = trace.calls
    assert len(call.steps) == 50 and call.truncated
    # c = 0, 1001 loop heads, 1000 bodies, the return line and the return event
    assert call.skipped == 1 + 1001 + 1000 + 2 - 50
    assert repr_of(call.returned) == "1000"


def test_size_bound_truncates(adder, zygote):
    trace = trace_case(adder, files(WRONG), "test_count", zygote, max_bytes=2000)
    [call] = trace.calls
    assert 0 < len(call.steps) < 50 and call.truncated and call.skipped > 1900


def test_candidate_exception_ends_the_trace_with_an_exception_step(adder, zygote):
    source = """
    def helper(v):
        bad = v / 0
        return bad


    def total(xs):
        first = xs[0]
        return helper(first)
    """
    trace = trace_case(adder, files(source), "test_total", zygote)
    assert trace.status is Outcome.ERROR and "ZeroDivisionError" in trace.message
    [call] = trace.calls
    events = [(s.event, s.function, s.depth) for s in call.steps]
    assert events[-4:] == [("exception", "helper", 2), ("return", "helper", 2),
                           ("exception", "total", 1), ("return", "total", 1)]  # fmt: skip
    assert call.steps[-4].exception == {"type": "ZeroDivisionError", "message": "division by zero"}
    assert call.steps[-1].unwinding and call.steps[-1].value is None
    assert call.exception["type"] == "ZeroDivisionError" and "helper" in call.exception["traceback"]
    assert repr_of(call.steps[-4].locals["v"]) == "1"


def test_infinite_loop_is_stopped_and_reported_with_the_steps_so_far(adder, zygote):
    source = "def total(xs):\n    i = 0\n    while True:\n        i += 1\n"
    trace = trace_case(adder, files(source), "test_total", zygote, max_steps=100)
    assert trace.status is Outcome.TIMEOUT
    [call] = trace.calls
    assert len(call.steps) == 100 and call.truncated and call.skipped > 0
    assert "time limit" in call.stopped and call.returned is None
    assert trace_case(adder, files(REFERENCE), "test_total", zygote).status is Outcome.PASS


def test_code_that_never_returns_to_the_tracer_is_killed_at_the_deadline(adder, zygote):
    source = "import time\n\n\ndef total(xs):\n    time.sleep(3600)\n"
    trace = trace_case(adder, files(source), "test_total", zygote)
    assert trace.status is Outcome.TIMEOUT
    assert "lost" in trace.calls[0].stopped and trace.calls[0].steps == []
    assert trace_case(adder, files(REFERENCE), "test_total", zygote).status is Outcome.PASS


def test_calls_past_the_limit_run_untraced(adder, zygote):
    trace = trace_case(adder, files(REFERENCE), "test_many_calls", zygote)
    assert trace.status is Outcome.PASS
    assert len(trace.calls) == MAX_CALLS and trace.untraced_calls == 25 - MAX_CALLS


def test_a_hidden_expected_value_never_appears_in_the_trace(probe, zygote):
    source = """
    def answer():
        guess = "not-the-secret"
        parts = [guess, len(guess)]
        return guess


    def ping():
        return "pong"
    """
    hidden = trace_case(probe, files(source), "test_answer", zygote, suite="hidden")
    assert hidden.status is Outcome.FAIL and hidden.message == HIDDEN_MESSAGE
    assert hidden.calls and hidden.calls[0].steps
    assert SECRET not in json.dumps(hidden.to_dict())
    # The probe's public tests are its hidden ones: there the checker's message quotes the
    # expected value, which is exactly what the hidden trace leaves out.
    public = trace_case(probe, files(source), "test_answer", zygote, suite="public")
    assert SECRET in public.message


def test_unknown_test_names_the_known_ones(adder, zygote):
    with pytest.raises(UnknownTest, match="test_total"):
        trace_case(adder, files(REFERENCE), "test_nothing", zygote)


def test_summaries_never_run_candidate_code():
    class Loud:
        def __repr__(self):
            raise AssertionError("repr must not be called")

        def __getattribute__(self, name):
            raise AssertionError("attributes must not be read")

    class Meta(type):
        def __getattribute__(cls, name):
            raise AssertionError("the metaclass must not be asked")

        def __eq__(cls, other):
            raise AssertionError("classes are compared by identity")

        def __hash__(cls):
            raise AssertionError("classes are not hashed")

    class Odd(metaclass=Meta):
        pass

    class Sneaky(np.ndarray):
        pass

    assert summarise(Loud()) == {"type": "Loud"}
    assert summarise(Odd()) == {"type": "Odd"}
    assert exception_summary(ValueError(Odd())) == {"type": "ValueError", "message": ""}
    assert exception_summary(KeyError("k", 2)) == {"type": "KeyError", "message": "'k', 2"}
    assert summarise(np.zeros(3).view(Sneaky)) == {"type": "Sneaky"}
    assert summarise([Loud(), 1])["items"] == [{"type": "Loud"}, {"type": "int", "repr": "1"}]
    assert summarise({"k": (1, 2)})["items"][0][1]["type"] == "tuple"
    assert summarise(2**1000)["repr"] == "<int of 1001 bits>"
    long = summarise("x" * 500)
    assert long["len"] == 500 and len(long["repr"]) <= 80
    assert summarise(np.float32(0.5)) == {"type": "float32", "repr": "0.5"}
    assert summarise(np.dtype("int16")) == {"type": "dtype", "repr": "int16"}
    assert summarise(np.array([1, 2], dtype=object)) == {
        "type": "ndarray", "shape": [2], "dtype": "object"
    }  # fmt: skip
    nested = summarise([[[1]]])
    assert nested["items"][0]["items"][0] == {"type": "list", "len": 1}


def test_tensors_are_summarised():
    torch = pytest.importorskip("torch")
    t = torch.arange(10, dtype=torch.float32).reshape(2, 5).requires_grad_()
    summary = summarise(t)
    assert summary["shape"] == [2, 5] and summary["dtype"] == "float32"
    assert summary["requires_grad"] and summary["head"][:2] == ["0.0", "1.0"]
    assert (summary["min"], summary["max"]) == ("0.0", "9.0")
    assert summarise(torch.nn.Parameter(torch.ones(2)))["type"] == "Parameter"
    assert summarise(torch.float16) == {"type": "dtype", "repr": "torch.float16"}


def test_step_through_moves_forward_and_back(adder, zygote):
    from rich.console import Console

    trace = trace_case(adder, files(WRONG), "test_total", zygote)
    keys = iter(["n", "n", "p", "", "q"])
    out = io.StringIO()
    step_through(Console(file=out, width=120), trace, lambda prompt: next(keys))
    text = out.getvalue()
    shown = [line.split("step ")[1] for line in text.splitlines() if "step " in line]
    assert shown == ["1/8", "2/8", "3/8", "2/8", "3/8"]
    assert "* x = 2" in text and "for x in xs[1:]:" in text


runner = CliRunner()


def test_cli_traces_the_first_failing_public_test_of_a_workspace(tmp_path):
    workspace = tmp_path / "ws"
    assert runner.invoke(app, ["start", "softmax", "--dir", str(workspace)]).exit_code == 0
    unstable = BANK / "softmax" / "wrong" / "unstable.py"
    (workspace / "solution.py").write_text(unstable.read_text())

    shown = runner.invoke(app, ["trace", str(workspace)])
    assert shown.exit_code == 0, shown.output
    assert "test_one_large_logit (public tests of softmax): fail" in shown.output
    assert "solution.py:5" in shown.output and "e = np.exp(x)" in shown.output
    assert "inf 1" in shown.output  # the overflowing exp, in the changed locals

    data = json.loads(runner.invoke(app, ["trace", str(workspace), "--json"]).stdout)
    assert data["version"] == 1 and data["test"] == "test_one_large_logit"
    step = data["calls"][0]["steps"][0]
    assert {"file", "line", "source", "function", "depth", "locals", "event"} <= set(step)

    short = runner.invoke(app, ["trace", str(workspace), "--test", "test_vector", "--steps",
                                "1", "--json"])  # fmt: skip
    call = json.loads(short.stdout)["calls"][0]
    assert len(call["steps"]) == 1 and call["truncated"] and call["skipped"] == 2

    hidden = runner.invoke(
        app, ["trace", str(workspace), "--hidden", "--test", "test_large_logits", "--json"]
    )
    data = json.loads(hidden.stdout)
    assert data["suite"] == "hidden" and data["status"] == "fail"
    assert data["message"] == HIDDEN_MESSAGE and "0.66524" not in hidden.stdout

    unknown = runner.invoke(app, ["trace", str(workspace), "--test", "test_nope"])
    assert unknown.exit_code == 2 and "test_vector" in unknown.output

    reference = BANK / "softmax" / "solution" / "solution.py"
    (workspace / "solution.py").write_text(reference.read_text())
    passing = runner.invoke(app, ["trace", str(workspace), "--step"])
    assert passing.exit_code == 0 and "every public test passes" in passing.output


def test_cli_traces_a_solution_file_with_problem(tmp_path):
    wrong = BANK / "softmax" / "wrong" / "wrong_axis.py"
    result = runner.invoke(app, ["trace", str(wrong), "--problem", "softmax", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["problem"] == "softmax" and data["status"] == "fail" and data["calls"]
