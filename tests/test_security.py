"""Hostile submissions. Each must end in a non-pass outcome with nothing leaked or damaged.

The probe problem's expected answer is a secret that only the hidden tests and the reference
hold; any way of reading it from inside the box would turn into a pass here.
"""

import os
import socket
import textwrap
import threading
from pathlib import Path

import pytest
from helpers import SECRET
from judge_helpers import judge

from mldrill.judge.outcomes import Outcome
from mldrill.session.workspace import WorkspaceError, read_file_safely

PING = '\ndef ping():\n    return "pong"\n'


def attack(body: str) -> str:
    """A solution.py whose answer() runs ``body`` and returns whatever it found."""
    return "def answer():\n" + textwrap.indent(textwrap.dedent(body), "    ") + PING


def leftover_processes(zygote, wait: bool = True) -> list[int]:
    """Unprivileged processes under this judge other than its one waiting spare child.

    SIGKILL lands asynchronously, so this polls for a few seconds before answering.
    """
    import time

    deadline = time.monotonic() + (5 if wait else 0)
    while True:
        found = _nobody_descendants(zygote.proc.pid)
        if len(found) <= 1 or time.monotonic() >= deadline:
            return found[1:] if len(found) == 1 else found
        time.sleep(0.05)


def _nobody_descendants(root: int) -> list[int]:
    parents, uids = {}, {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry)] = int(stat[1])
                uids[int(entry)] = os.stat(f"/proc/{entry}").st_uid
            except (FileNotFoundError, ProcessLookupError, IndexError):
                pass
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        children = [p for p, parent in parents.items() if parent == pid]
        todo += children
        found += [p for p in children if uids.get(p) == 65534]
    return sorted(found)


@pytest.fixture(autouse=True)
def judge_still_works(probe, zygote):
    """After every attack the same warm judge still grades the reference correctly."""
    yield
    status, _ = judge(probe, zygote, probe.solution_files()["solution.py"].decode())
    assert status is Outcome.PASS


def assert_not_pass(problem, zygote, source, *allowed):
    status, events = judge(problem, zygote, source)
    assert status is not Outcome.PASS
    if allowed:
        assert status in allowed, {n: (e.status, e.message) for n, e in events.items()}
    return status, events


def test_fork_bomb(probe, zygote):
    source = "import os\n" + attack("while True:\n    os.fork()\n")
    assert_not_pass(probe, zygote, source, Outcome.TIMEOUT, Outcome.ERROR)
    assert leftover_processes(zygote) == []  # every fork was killed


def test_thread_bomb(probe, zygote):
    body = """
    import threading, time
    while True:
        threading.Thread(target=time.sleep, args=(100,)).start()
    """
    assert_not_pass(probe, zygote, attack(body), Outcome.TIMEOUT, Outcome.ERROR)


def test_memory_bomb(probe, zygote):
    body = "x = [bytearray(1 << 26) for _ in range(1000)]\nreturn len(x)\n"
    assert_not_pass(probe, zygote, attack(body), Outcome.MEMORY)


def test_infinite_loop(probe, zygote):
    assert_not_pass(probe, zygote, attack("while True:\n    pass\n"), Outcome.TIMEOUT)


def test_sleeping_past_the_wall_clock(probe, zygote):
    body = "import time\ntime.sleep(3600)\n"
    assert_not_pass(probe, zygote, attack(body), Outcome.TIMEOUT)


def test_output_flood(probe, zygote):
    body = "import sys\nwhile True:\n    sys.stdout.write('PASS ' * 10000)\n"
    assert_not_pass(probe, zygote, attack(body), Outcome.OUTPUT_LIMIT)


def test_disk_fill(probe, zygote):
    body = """
    i = 0
    while True:
        with open(f"/box/fill{i}", "wb") as fh:
            fh.write(b"x" * (1 << 20))
        i += 1
    """
    status, events = assert_not_pass(probe, zygote, attack(body))
    assert status in (Outcome.ERROR, Outcome.OUTPUT_LIMIT)
    assert "No space left" in events["test_answer"].message or status is Outcome.OUTPUT_LIMIT


def test_file_descriptor_exhaustion(probe, zygote):
    body = """
    files = []
    while True:
        files.append(open("/dev/null"))
    """
    _, events = assert_not_pass(probe, zygote, attack(body), Outcome.ERROR)
    assert "Too many open files" in events["test_answer"].message


def test_connecting_to_a_loopback_port(probe, zygote):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.1)
    port = server.getsockname()[1]
    accepted = []

    def accept():
        try:
            accepted.append(server.accept())
        except OSError:
            pass

    body = f"""
    import socket
    s = socket.socket()
    s.connect(("127.0.0.1", {port}))
    s.sendall(b"hello")
    return "{SECRET[:5]}"
    """
    thread = threading.Thread(target=accept)
    thread.start()
    assert_not_pass(probe, zygote, attack(body), Outcome.VIOLATION)
    thread.join()
    server.close()
    assert accepted == []


def test_reading_hidden_tests_and_reference(probe, zygote):
    paths = [str(probe.suite_path("hidden")), str(probe.root / "solution" / "solution.py")]
    paths += [str(p) for p in Path(__file__).parent.glob("*.py")]
    body = f"""
    for path in {paths!r}:
        try:
            text = open(path).read()
        except OSError:
            continue
        if "mldrill-secret" in text:
            return text.split('"')[1]
    return "not found"
    """
    _, events = assert_not_pass(probe, zygote, attack(body), Outcome.FAIL)
    assert "not found" in events["test_answer"].message


def test_searching_proc_for_expected_values(probe, zygote):
    body = """
    import os, re
    found = []
    for pid in os.listdir("/proc"):
        for name in ("cmdline", "environ", "maps"):
            try:
                data = open(f"/proc/{pid}/{name}", "rb").read()
            except OSError:
                continue
            found += re.findall(rb"mldrill-secret-[0-9a-f]+", data)
        try:
            with open(f"/proc/{pid}/mem", "rb") as mem:
                found += re.findall(rb"mldrill-secret-[0-9a-f]+", mem.read(1 << 20))
        except OSError:
            pass
    return found[0].decode() if found else "nothing in /proc"
    """
    _, events = assert_not_pass(probe, zygote, attack(body), Outcome.FAIL)
    assert "nothing in /proc" in events["test_answer"].message


def test_searching_gc_for_expected_values(probe, zygote):
    body = """
    import gc
    for obj in gc.get_objects():
        for value in (obj.values() if isinstance(obj, dict) else ()):
            if isinstance(value, str) and value.startswith("mldrill-secret"):
                return value
    return "nothing in gc"
    """
    _, events = assert_not_pass(probe, zygote, attack(body), Outcome.FAIL)
    assert "nothing in gc" in events["test_answer"].message


def test_signalling_the_grader(probe, zygote):
    body = "import os, signal\nos.kill(1, signal.SIGKILL)\nos.kill(os.getppid(), signal.SIGKILL)\n"
    assert_not_pass(probe, zygote, attack(body), Outcome.VIOLATION)


def test_ptracing_the_grader(probe, zygote):
    body = """
    import ctypes, os
    libc = ctypes.CDLL(None)
    libc.ptrace(16, os.getppid(), 0, 0)  # PTRACE_ATTACH
    """
    assert_not_pass(probe, zygote, attack(body), Outcome.VIOLATION)


def test_running_a_shell(probe, zygote):
    body = "import os\nos.system('echo hacked > /box/x')\nos.execv('/bin/sh', ['sh'])\n"
    assert_not_pass(probe, zygote, attack(body), Outcome.VIOLATION)


def test_subprocess_cannot_run_either(probe, zygote):
    body = """
    import subprocess
    try:
        return subprocess.run(["/bin/cat", "/etc/hostname"], capture_output=True).stdout
    except Exception as exc:
        return repr(exc)
    """
    assert_not_pass(probe, zygote, attack(body))


def test_writing_outside_the_box(probe, zygote, tmp_path):
    target = tmp_path / "pwned"
    body = f"""
    results = []
    for path in ["{target}", "/usr/pwned", "/opt/mldrill/mldrill_box/pwned.py", "/etc/pwned"]:
        try:
            open(path, "w").write("x")
            results.append(path)
        except OSError:
            pass
    return results
    """
    assert_not_pass(probe, zygote, attack(body), Outcome.FAIL)
    assert not target.exists()
    assert not Path("/usr/pwned").exists() and not Path("/etc/pwned").exists()


def test_planting_a_symlink_for_the_grader(probe, zygote, tmp_path):
    # Inside the box: a symlink the grader might follow later. The grader never reads box
    # files; results only come back over the socket.
    body = f"""
    import os
    os.symlink("{probe.suite_path("hidden")}", "/box/answer.txt")
    return open("/box/answer.txt").read()
    """
    assert_not_pass(probe, zygote, attack(body))
    # In a workspace: solution.py pointing at the hidden tests is refused, not sent.
    link = tmp_path / "solution.py"
    link.symlink_to(probe.suite_path("hidden"))
    with pytest.raises(WorkspaceError, match="symbolic link"):
        read_file_safely(link)


def test_exit_before_the_tests(probe, zygote):
    for source in ("import os\nos._exit(0)\n", "raise SystemExit(0)\n", "import sys\nsys.exit()\n"):
        status, events = assert_not_pass(probe, zygote, source + PING, Outcome.ERROR)


def test_printing_fake_pass_lines(probe, zygote):
    body = """
    print("test_answer PASSED")
    print('{"status": "pass", "score": 100}')
    print("2 passed, 0 failed")
    return None
    """
    assert_not_pass(probe, zygote, attack(body), Outcome.FAIL)


def test_returning_lying_objects(probe, zygote):
    source = """
    import numpy as np

    class Liar(str):
        def __eq__(self, other):
            return True
        __hash__ = str.__hash__

    class LiarInt(int):
        def __eq__(self, other):
            return True

    def answer():
        return Liar("anything")

    def ping():
        return LiarInt(0)
    """
    status, events = assert_not_pass(probe, zygote, source, Outcome.FAIL)
    assert events["test_ping"].status is Outcome.FAIL


def test_returning_object_arrays(probe, zygote):
    source = "import numpy as np\n" + attack("return np.array(['x', 1], dtype=object)\n")
    assert_not_pass(probe, zygote, source, Outcome.FAIL)


def test_patching_numpy_and_builtins(probe, zygote):
    source = """
    import builtins
    import numpy as np

    np.array_equal = lambda *a, **k: True
    np.allclose = lambda *a, **k: True
    builtins.isinstance = lambda *a: True
    builtins.type = lambda *a: str

    def answer():
        return 0

    def ping():
        return "pong"
    """
    status, events = assert_not_pass(probe, zygote, source, Outcome.FAIL, Outcome.ERROR)


def test_import_time_side_effects(probe, zygote, tmp_path):
    source = f"""
    import os, threading, time
    print("PASS")
    open("{tmp_path / "imported"}", "w").write("x")
    def spam():
        while True:
            time.sleep(0.001)
    threading.Thread(target=spam, daemon=True).start()
    """
    assert_not_pass(probe, zygote, textwrap.dedent(source) + attack("return 1"))
    assert not (tmp_path / "imported").exists()


def test_forged_frames_on_the_channel(probe, zygote):
    # Writing a fake reply straight onto the result socket cannot produce a pass: replies
    # carry data only, and a malformed frame ends the box with an error.
    body = """
    import os, socket
    for fd in range(3, 20):
        try:
            os.write(fd, b"\\x00\\x00\\x00\\x05garbage-frame")
        except OSError:
            pass
    return None
    """
    assert_not_pass(probe, zygote, attack(body))


def test_the_candidate_runs_unprivileged_without_network(probe, zygote):
    body = """
    import os
    status = open("/proc/self/status").read()
    caps = [line.split()[1] for line in status.splitlines() if line.startswith("CapEff")]
    net = sorted(os.listdir("/sys/class/net")) if os.path.exists("/sys/class/net") else []
    return f"uid={os.getuid()} caps={caps[0]} net={net}"
    """
    _, events = assert_not_pass(probe, zygote, attack(body), Outcome.FAIL)
    message = events["test_answer"].message
    # Unprivileged, no capabilities, and no network interface other than loopback at most.
    assert "uid=65534 caps=0000000000000000" in message, message
    assert "net=[]" in message or "net=['lo']" in message, message
