"""Every outcome the judge can give, produced by a real submission."""

from helpers import build_problem
from judge_helpers import judge

from mldrill.judge.outcomes import Outcome, overall


def test_reference_passes(probe, zygote):
    status, events = judge(probe, zygote, probe.solution_files()["solution.py"].decode())
    assert status is Outcome.PASS
    assert [e.status for e in events.values()] == [Outcome.PASS, Outcome.PASS]


def test_wrong_answer_fails_with_expected_and_got(probe, zygote):
    status, events = judge(probe, zygote, "def answer(): return 'nope'\ndef ping(): return 'pong'")
    assert status is Outcome.FAIL
    message = events["test_answer"].message
    assert "expected" in message and "'nope'" in message
    assert events["test_ping"].status is Outcome.PASS


def test_exception_is_error_with_traceback_trimmed_to_candidate_frames(probe, zygote):
    source = """
    def helper(x):
        return 1 / x

    def answer():
        return helper(0)

    def ping():
        return "pong"
    """
    status, events = judge(probe, zygote, source)
    assert status is Outcome.ERROR
    message = events["test_answer"].message
    assert "ZeroDivisionError" in message and 'File "solution.py", line 3' in message
    assert "mldrill" not in message and "/box" not in message


def test_syntax_error_names_file_and_line_without_running_anything(probe, zygote):
    status, events = judge(probe, zygote, "def answer(:\n    return 1\n")
    assert status is Outcome.ERROR
    assert events["test_answer"].message.startswith("SyntaxError in solution.py, line 1: ")


def test_infinite_loop_times_out_and_next_test_still_runs(probe, zygote):
    source = """
    def answer():
        while True:
            pass

    def ping():
        return "pong"
    """
    status, events = judge(probe, zygote, source)
    assert events["test_answer"].status is Outcome.TIMEOUT
    assert events["test_ping"].status is Outcome.PASS  # a fresh box was spawned for it
    assert status is Outcome.TIMEOUT


def test_memory_bomb_is_memory(probe, zygote):
    source = """
    def answer():
        blocks = []
        while True:
            blocks.append(bytearray(64 * 1024 * 1024))

    def ping():
        return "pong"
    """
    status, events = judge(probe, zygote, source)
    assert events["test_answer"].status is Outcome.MEMORY
    assert events["test_ping"].status is Outcome.PASS


def test_output_flood_is_output_limit(probe, zygote):
    source = """
    def answer():
        while True:
            print("x" * 1000)

    def ping():
        return "pong"
    """
    status, events = judge(probe, zygote, source)
    assert events["test_answer"].status is Outcome.OUTPUT_LIMIT, events["test_answer"].message


def test_small_output_is_captured_and_shown(probe, zygote):
    source = """
    def answer():
        print("debugging answer")
        return 1

    def ping():
        return "pong"
    """
    _, events = judge(probe, zygote, source)
    assert "debugging answer" in events["test_answer"].output


def test_forbidden_call_is_violation(probe, zygote):
    source = """
    import os

    def answer():
        os.execv("/bin/sh", ["sh", "-c", "true"])

    def ping():
        return "pong"
    """
    status, events = judge(probe, zygote, source)
    assert events["test_answer"].status is Outcome.VIOLATION
    assert status is Outcome.VIOLATION


def test_broken_reference_is_problem_error(tmp_path, zygote):
    hidden = """
    from mldrill.grading.testkit import case, expect_equal

    @case("correctness")
    def test_uses_reference(sol, ref):
        expect_equal(sol.answer(), ref.answer())
    """
    problem = build_problem(
        tmp_path, hidden=hidden, solution="def answer():\n    raise KeyError(1)\n"
    )
    status, events = judge(problem, zygote, "def answer(): return 1")
    assert status is Outcome.PROBLEM_ERROR
    assert "the reference raised KeyError" in events["test_uses_reference"].message


def test_unloadable_test_file_is_problem_error(tmp_path, zygote):
    problem = build_problem(tmp_path, hidden="import no_such_module_here\n")
    status, events = judge(problem, zygote, "def answer(): return 1")
    assert status is Outcome.PROBLEM_ERROR


def test_events_stream_one_per_test_in_order(probe, zygote):
    from mldrill.judge.runner import run_suite

    stream = run_suite(probe, probe.solution_files(), "hidden", zygote)
    first = next(stream)  # available before the second test has run
    assert first.name == "test_answer"
    assert [e.name for e in stream] == ["test_ping"]


def test_overall_picks_the_most_severe():
    assert overall([Outcome.PASS, Outcome.FAIL, Outcome.TIMEOUT]) is Outcome.TIMEOUT
    assert overall([Outcome.ERROR, Outcome.VIOLATION]) is Outcome.VIOLATION
    assert overall([]) is Outcome.PASS


def test_remote_objects_and_handles(tmp_path, zygote):
    hidden = """
    from mldrill.grading.testkit import attr, case, expect_equal, expect_raises

    @case("correctness")
    def test_queue(sol):
        q = sol.Box()
        q.push(1)
        q.push((2, 3))
        expect_equal(q.pop(), 1)
        expect_equal(attr(q.count), 1)
        expect_raises("IndexError", sol.Box().pop)
    """
    solution = """
    class Box:
        def __init__(self):
            self.items = []
            self.count = 0

        def push(self, x):
            self.items.append(x)
            self.count = len(self.items)

        def pop(self):
            if not self.items:
                raise IndexError("empty")
            self.count -= 1
            return self.items.pop(0)
    """
    problem = build_problem(tmp_path, hidden=hidden, solution=solution)
    status, events = judge(problem, zygote, solution)
    assert status is Outcome.PASS, events


def test_standard_library_imports_work_inside_the_box(tmp_path, zygote):
    hidden = """
    from mldrill.grading.testkit import case, expect_equal

    @case("correctness")
    def test_imports(sol):
        expect_equal(sol.answer(), [])
    """
    solution = """
    def answer():
        failed = []
        for name in ["json", "heapq", "fractions", "decimal", "statistics", "unicodedata",
                     "collections", "itertools", "functools", "math", "bisect", "re"]:
            try:
                __import__(name)
            except ImportError:
                failed.append(name)
        return failed
    """
    problem = build_problem(tmp_path, hidden=hidden, solution=solution)
    status, events = judge(problem, zygote, solution)
    assert status is Outcome.PASS, events["test_imports"].message


def test_torch_optimizers_work_inside_the_box(tmp_path):
    """torch.optim reaches getpass.getuser(); it must not need a socket (seccomp kills those)."""
    import pytest

    pytest.importorskip("torch")
    from mldrill.judge.worker import Zygote

    hidden = """
    from mldrill.grading.testkit import case, expect_equal

    @case("correctness")
    def test_step(sol):
        expect_equal(sol.answer(), "candidate")
    """
    solution = """
    import getpass

    import torch

    def answer():
        model = torch.nn.Linear(3, 1)
        opt = torch.optim.Adam(model.parameters())
        opt.zero_grad()
        model(torch.ones(2, 3)).sum().backward()
        opt.step()
        return getpass.getuser()
    """
    problem = build_problem(tmp_path, hidden=hidden, solution=solution)
    with Zygote(sandbox=True, torch=True) as torch_zygote:
        status, events = judge(problem, torch_zygote, solution)
    assert status is Outcome.PASS, events["test_step"].message
