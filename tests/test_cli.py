"""The command line end to end, through Typer's runner (sandboxed judge included)."""

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mldrill.cli.app import app

BANK = Path(__file__).parents[1] / "src" / "mldrill" / "bank" / "problems"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_list_json_has_the_documented_fields():
    result = run("list", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {"softmax", "train_loop_bugs"} <= {r["id"] for r in rows}
    for row in rows:
        assert {"id", "kind", "title", "topics", "difficulty"} <= set(row)


def test_list_filters_by_kind_and_topic():
    debug = json.loads(run("list", "--kind", "debug", "--json").stdout)
    assert debug and all(r["kind"] == "debug" for r in debug)
    stable = json.loads(run("list", "--topic", "numerics", "--json").stdout)
    assert "softmax" in {r["id"] for r in stable}
    assert all(any(t.startswith("numerics") for t in r["topics"]) for r in stable)


def test_bad_filters_are_clear_errors():
    assert run("list", "--kind", "essay").exit_code == 2
    result = run("list", "--topic", "astrology")
    assert result.exit_code == 2 and "not in the taxonomy" in result.output


def test_unknown_problem_id_names_the_known_ones():
    result = run("show", "sofmax")
    assert result.exit_code == 2
    assert "unknown problem id 'sofmax'" in result.output and "softmax" in result.output


def test_missing_workspace_is_a_clear_error(tmp_path):
    result = run("submit", tmp_path)
    assert result.exit_code == 2
    assert "not an mldrill workspace" in result.output


def test_practice_loop_start_test_submit_history(tmp_path):
    workspace = tmp_path / "ws"
    assert run("start", "softmax", "--dir", workspace).exit_code == 0
    assert (workspace / "solution.py").exists() and (workspace / "tests" / "public.py").exists()
    assert run("start", "softmax", "--dir", workspace).exit_code == 2  # not empty

    first = run("test", workspace, "--json")
    assert first.exit_code == 1
    assert json.loads(first.stdout)["status"] == "error"  # the starter raises

    reference = BANK / "softmax" / "solution" / "solution.py"
    (workspace / "solution.py").write_text(reference.read_text())
    submitted = run("submit", workspace)
    assert submitted.exit_code == 0, submitted.output
    assert "softmax: pass" in submitted.output

    history = json.loads(run("history", "--json").stdout)
    assert [h["mode"] for h in history] == ["submit", "test"]
    assert history[0]["status"] == "pass" and history[0]["score"] == 100.0


def test_syntax_error_is_reported_with_file_and_line_only(tmp_path):
    bad = tmp_path / "solution.py"
    bad.write_text("import numpy as np\n\ndef softmax(x, axis=-1)\n    return x\n")
    result = run("grade", "--problem", "softmax", bad)
    assert result.exit_code == 1
    assert "SyntaxError in solution.py, line 3" in result.output
    assert "Traceback" not in result.output and "mldrill/" not in result.output


def test_grade_json_is_one_versioned_object(tmp_path):
    wrong = BANK / "softmax" / "wrong" / "unstable.py"
    result = run("grade", "--problem", "softmax", wrong, "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["problem"] == "softmax" and data["status"] == "fail"
    assert set(data["dimensions"]) >= {"correctness", "numerical_stability", "readability"}
    for test in data["tests"]:
        assert {"name", "dimension", "status", "message", "duration_ms"} <= set(test)
    failed = {t["name"]: t for t in data["tests"] if t["status"] != "pass"}
    assert "test_large_logits" in failed
    assert "nan" in failed["test_large_logits"]["message"]
    assert "max" in failed["test_large_logits"]["hint"]


def test_debug_problem_reports_bugs_and_diff_size():
    project = BANK / "attention_bugs" / "starter"
    result = run("grade", "--problem", "attention_bugs", project, "--json")
    data = json.loads(result.stdout)
    assert data["bugs"] and not any(b["fixed"] for b in data["bugs"])
    assert data["diff"]["lines_added"] == 0 and data["diff"]["lines_removed"] == 0
    fixed = json.loads(
        run(
            "grade", "--problem", "attention_bugs", BANK / "attention_bugs" / "solution", "--json"
        ).output
    )
    assert all(b["fixed"] for b in fixed["bugs"]) and fixed["diff"]["verdict"] == "surgical"


def test_root_command_shows_bank_progress_and_next_step():
    result = run()
    assert result.exit_code == 0
    assert "mldrill problem bank" in result.output and "next: mldrill start" in result.output


def test_bank_check_json_on_one_problem():
    result = run("bank", "check", BANK / "softmax", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ok"] and all(f["problem"] == "softmax" for f in data["findings"])


def test_bank_check_fails_on_an_invalid_problem(tmp_path):
    from helpers import build_problem

    build_problem(tmp_path)  # a valid problem, then break its toml
    toml = tmp_path / "probe" / "problem.toml"
    toml.write_text(toml.read_text().replace('difficulty = "easy"', 'difficulty = "trivial"'))
    result = run("bank", "check", tmp_path)
    assert result.exit_code == 2
    assert "problem.toml: field 'difficulty'" in result.output


def _documented_options() -> set[str]:
    text = (Path(__file__).parents[1] / "README.md").read_text()
    return set(re.findall(r"--[a-z][a-z-]+", text))


def _all_commands(group, prefix=()):
    import typer.main

    click_group = typer.main.get_command(group) if not hasattr(group, "commands") else group
    for name, command in click_group.commands.items():
        path = (*prefix, name)
        if hasattr(command, "commands"):
            yield from _all_commands(command, path)
        else:
            yield path, command


@pytest.mark.parametrize("path,command", list(_all_commands(app)), ids=lambda v: str(v))
def test_every_command_and_option_is_in_the_readme(path, command):
    readme = (Path(__file__).parents[1] / "README.md").read_text()
    assert f"mldrill {' '.join(path)}" in readme
    for param in command.params:
        for opt in param.opts:
            if opt.startswith("--") and opt != "--help":
                assert opt in _documented_options(), f"{opt} of {' '.join(path)} undocumented"


def test_topics_doc_lists_the_taxonomy():
    from mldrill.bank.taxonomy import TAXONOMY

    doc = (Path(__file__).parents[1] / "docs" / "topics.md").read_text()
    for area, subs in TAXONOMY.items():
        assert f"`{area}`" in doc
        for sub in subs:
            assert f"`{sub}`" in doc


def test_help_does_not_import_heavy_modules():
    import subprocess
    import sys

    code = (
        "import sys; from mldrill.cli.app import app; "
        "heavy = [m for m in ('numpy', 'sqlalchemy', 'alembic', 'msgpack') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stderr


def test_generated_debug_task_reports_bugs_fixed(tmp_path):
    workspace = tmp_path / "gen"
    started = run("start", "softmax", "--debug", "--bugs", "2", "--seed", "5", "--dir", workspace)
    assert started.exit_code == 0, started.output
    assert "2 bugs planted, seed 5" in started.output
    assert "Debugging task" in (workspace / "statement.md").read_text()
    unchanged = json.loads(run("submit", workspace, "--json").stdout)
    assert len(unchanged["bugs"]) == 2 and not any(b["fixed"] for b in unchanged["bugs"])
    assert unchanged["diff"]["verdict"] == "unchanged"
    reference = BANK / "softmax" / "solution" / "solution.py"
    (workspace / "solution.py").write_text(reference.read_text())
    fixed = json.loads(run("submit", workspace, "--json").stdout)
    assert fixed["status"] == "pass" and all(b["fixed"] for b in fixed["bugs"])
    assert fixed["diff"]["verdict"] == "surgical"


def test_debug_flag_is_refused_for_debug_problems(tmp_path):
    result = run("start", "attention_bugs", "--debug", "--dir", tmp_path / "x")
    assert result.exit_code == 2 and "already a debug problem" in result.output


def test_list_includes_questions():
    theory = json.loads(run("list", "--kind", "theory", "--json").stdout)
    assert "l1_vs_l2" in {r["id"] for r in theory} and all(r["kind"] == "theory" for r in theory)
    behavioral = json.loads(run("list", "--kind", "behavioral", "--json").stdout)
    assert len(behavioral) >= 30
