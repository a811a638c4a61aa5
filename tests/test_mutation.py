"""The mutation engine: every operator fires on code written for it, edits keep the rest of
the file, and generated debugging tasks are reproducible."""

import textwrap

import pytest

from mldrill.bank.mutation.engine import analyse, find_mutants, generate_debug_task, plant
from mldrill.bank.mutation.operators import OPERATORS

SAMPLE = textwrap.dedent(
    """
    import numpy as np
    from collections import deque


    def train(model, opt, X_train, X_test, y, perm, lr, eps=1e-8):
        # a comment that must survive every mutation
        X = X_train[perm]
        labels = y[perm]
        scores = q @ k.T / np.sqrt(d)
        scores = scores - np.max(scores, axis=-1, keepdims=True)
        mask = np.triu(np.ones((4, 4)), k=1)
        w -= lr * grad
        mean = X_train.mean(axis=0)
        std = np.sqrt(var + eps)
        half = total / 2
        first = labels[1:]
        best = np.argmax(scores)
        queue = deque([0])
        node = queue.popleft()
        top = labels[0]
        for i in range(3):
            if i == 2 or i in seen:
                break
            if i < 1:
                continue
        opt.zero_grad()
        model.eval()
        out = model(X).detach()
        with torch.no_grad():
            pass
        return labels
    """
)


def test_every_operator_fires_on_code_written_for_it():
    mutants = find_mutants({"m.py": SAMPLE.encode()})
    fired = {m.operator for m in mutants}
    missing = {op.name for op in OPERATORS} - fired
    assert not missing, f"operators with no mutant: {missing}"
    assert len(OPERATORS) >= 15


def test_mutants_are_distinct_parseable_and_keep_comments():
    files = {"m.py": SAMPLE.encode()}
    mutants = find_mutants(files)
    sources = set()
    for mutant in mutants:
        text = plant(files, [mutant])["m.py"].decode()
        assert "# a comment that must survive every mutation" in text
        assert text != SAMPLE and text not in sources
        sources.add(text)
    assert len({m.id for m in mutants}) == len(mutants)


def test_specific_edits():
    files = {"m.py": SAMPLE.encode()}
    by_desc = {m.description: m for m in find_mutants(files)}
    planted = plant(files, [by_desc["w -= lr * grad -> w += lr * grad"]])["m.py"].decode()
    assert "    w += lr * grad\n" in planted
    planted = plant(files, [by_desc["queue.popleft() -> queue.pop()"]])["m.py"].decode()
    assert "node = queue.pop()" in planted


def test_probe_problem_mutants_are_all_killed(probe, zygote):
    report = analyse(probe, zygote)
    assert report.score == 100.0


def test_generated_debug_task_is_reproducible(zygote):
    from mldrill.bank.loader import find_problem

    problem = find_problem("softmax")
    first, bugs = generate_debug_task(problem, zygote, bugs=2, seed=11)
    again, bugs_again = generate_debug_task(problem, zygote, bugs=2, seed=11)
    assert first == again and [b.mutant.id for b in bugs] == [b.mutant.id for b in bugs_again]
    assert first != problem.solution_files()
    assert all(b.caught_by for b in bugs)
    with pytest.raises(ValueError, match="only"):
        generate_debug_task(problem, zygote, bugs=50, seed=1)


def test_mutant_ids_are_unique_even_for_nested_sites():
    files = {"m.py": b"import numpy as np\n\n\ndef f(v):\n    return np.log(2 * np.pi * v)\n"}
    mutants = find_mutants(files)
    ids = [m.id for m in mutants]
    assert len(ids) == len(set(ids))
    swaps = [m for m in mutants if m.operator == "arithmetic_swap"]
    assert [m.id.endswith("#2") for m in swaps] == [False, True]


def test_bank_stats_borrows_a_judge_per_problem(probe, tmp_path):
    from mldrill.bank.stats import bank_stats
    from mldrill.service import Service

    seen = []
    with Service(db_url=f"sqlite:///{tmp_path / 's.db'}") as service:
        stats = bank_stats([probe], service.judge, seen.append)
    assert seen == [probe] and stats["problems"] == 1
    assert stats["mutation"]["per_problem"][probe.id]["score"] == 100.0
