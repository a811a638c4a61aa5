import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from helpers import build_problem  # noqa: E402

from mldrill.judge.worker import Zygote  # noqa: E402


@pytest.fixture(scope="session")
def zygote():
    """One sandboxed judge worker for the whole run (the sandbox is required, not optional)."""
    z = Zygote(sandbox=True).start()
    yield z
    z.close()


@pytest.fixture(scope="session")
def probe(tmp_path_factory):
    return build_problem(tmp_path_factory.mktemp("bank"))


@pytest.fixture(autouse=True)
def _isolated_db(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # Rich wraps to the terminal width
    monkeypatch.setenv("MLDRILL_DB", f"sqlite:///{tmp_path / 'test.db'}")
    os.environ.pop("MLDRILL_NO_SANDBOX", None)


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item (browser tests screenshot their failures)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)
