"""The bubblewrap command line: what the box can and cannot see."""

from pathlib import Path

from mldrill.judge.sandbox import bwrap_argv

BANK = Path(__file__).parents[1] / "src" / "mldrill" / "bank"


def _binds(argv):
    return [argv[i + 2] for i, a in enumerate(argv) if a in ("--ro-bind", "--bind")]


def test_fresh_mounts_come_before_binds_so_a_checkout_under_tmp_stays_visible():
    argv = bwrap_argv(3)
    tmpfs_tmp = next(i for i, a in enumerate(argv) if a == "--tmpfs" and argv[i + 1] == "/tmp")
    first_bind = min(i for i, a in enumerate(argv) if a in ("--ro-bind", "--bind"))
    assert tmpfs_tmp < first_bind


def test_the_bank_and_home_are_never_bound_writable_or_whole():
    argv = bwrap_argv(3)
    assert "--bind" not in argv  # everything bound is read-only
    for target in _binds(argv):
        assert not str(BANK).startswith(target + "/") or target == "/usr"
        assert target not in ("/", "/root", "/home", str(Path.home()))


def test_no_network_and_a_cleared_environment():
    argv = bwrap_argv(3)
    for flag in ("--unshare-net", "--unshare-pid", "--clearenv", "--die-with-parent",
                 "--new-session"):  # fmt: skip
        assert flag in argv
