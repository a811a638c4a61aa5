"""How the zygote is launched: the bubblewrap command line, and what is missing when it can't be."""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from pathlib import Path

BOX_SRC = Path(__file__).parent / "box"
BOX_MOUNT = "/opt/mldrill"  # the box package is bound here as ``mldrill_box``
TMPFS_MB = 64
_ENV = {
    "PATH": "/usr/bin:/bin",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONHASHSEED": "0",
    "HOME": "/box",
    "LANG": "C.UTF-8",
    # getpass.getuser() (torch.optim reaches it) reads these first; without them glibc asks
    # nscd over a socket, which seccomp forbids.
    "USER": "candidate",
    "LOGNAME": "candidate",
}


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot be set up here; the message says what is missing."""


def missing_pieces() -> list[str]:
    """What stops the sandbox on this machine (empty when nothing does)."""
    problems = []
    if not sys.platform.startswith("linux"):
        problems.append("the sandbox needs Linux namespaces (this is " + sys.platform + ")")
        return problems
    if shutil.which("bwrap") is None:
        problems.append(
            "bubblewrap is not installed: run `apt-get install bubblewrap` "
            "(or `make test`, which installs it when run as root)"
        )
    try:
        import pyseccomp  # noqa: F401
    except Exception as exc:  # noqa: BLE001 - OSError when libseccomp.so.2 is absent
        problems.append(f"seccomp is unavailable ({exc}); install libseccomp2 and pyseccomp")
    return problems


def _python_roots() -> list[str]:
    roots = {sys.base_prefix, sys.prefix, os.path.dirname(os.path.realpath(sys.executable))}
    for key in ("purelib", "platlib", "stdlib", "platstdlib"):
        roots.add(sysconfig.get_paths()[key])
    # Keep only outermost paths so no bind is shadowed by another.
    ordered = sorted(os.path.realpath(r) for r in roots)
    kept: list[str] = []
    for root in ordered:
        if not any(root == k or root.startswith(k + "/") for k in kept):
            kept.append(root)
    return kept


def _parents(paths: list[str]) -> list[str]:
    found = set()
    for path in paths:
        parts = Path(path).parts[1:-1]
        for depth in range(1, len(parts) + 1):
            found.add("/" + "/".join(parts[:depth]))
    return sorted(found, key=lambda p: (p.count("/"), p))


def _masked_paths(roots: list[str]) -> list[str]:
    """mldrill's own files (and the bank inside them) must not be visible in the box."""
    package = os.path.realpath(Path(__file__).parent.parent)
    return [package] if any(package.startswith(r + "/") for r in roots) else []


def bwrap_argv(ctl_fd: int, torch: bool = False) -> list[str]:
    """The full command that starts a sandboxed zygote talking on ``ctl_fd``."""
    argv = ["bwrap", "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts"]
    argv += ["--unshare-cgroup-try", "--die-with-parent", "--new-session", "--clearenv"]
    if os.getuid() != 0:
        argv += ["--unshare-user"]
    for key, value in _ENV.items():
        argv += ["--setenv", key, value]
    # Fresh mounts first: binds made afterwards (a checkout under /tmp, say) stay visible.
    argv += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--dir", "/box"]
    for top in ("usr", "lib", "lib64", "lib32", "bin", "sbin"):
        path = "/" + top
        if os.path.islink(path):
            argv += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            argv += ["--ro-bind", path, path]
    # libseccomp is located through the loader cache; nothing else of /etc is needed.
    argv += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    roots = _python_roots()
    # bubblewrap creates missing parents of a mount point as 0700, which the unprivileged
    # child could not traverse; create them 0755 first.
    for parent in _parents([*roots, f"{BOX_MOUNT}/mldrill_box"]):
        argv += ["--perms", "0755", "--dir", parent]
    for root in roots:
        argv += ["--ro-bind", root, root]
    for masked in _masked_paths(roots):
        argv += ["--tmpfs", masked]
    argv += ["--ro-bind", str(BOX_SRC), f"{BOX_MOUNT}/mldrill_box"]
    for cap in ("CAP_SYS_ADMIN", "CAP_SETUID", "CAP_SETGID", "CAP_CHOWN", "CAP_KILL"):
        argv += ["--cap-add", cap]
    argv += ["--chdir", "/"]
    argv += zygote_command(ctl_fd, sandbox=True, torch=torch)
    return argv


def zygote_command(ctl_fd: int, sandbox: bool, torch: bool = False) -> list[str]:
    if sandbox:
        path, module = BOX_MOUNT, "mldrill_box.zygote"
    else:
        path, module = str(Path(__file__).parents[2]), "mldrill.judge.box.zygote"
    code = (
        f"import sys; sys.path.insert(0, {path!r}); from {module} import main; main(sys.argv[1:])"
    )
    argv = [sys.executable, "-I", "-c", code, str(ctl_fd), "--tmpfs-mb", str(TMPFS_MB)]
    return argv + (["--sandbox"] if sandbox else []) + (["--torch"] if torch else [])


def plain_env() -> dict[str, str]:
    """Environment for an unsandboxed zygote: the same cleared set, with a real HOME."""
    env = dict(_ENV)
    env["HOME"] = os.environ.get("TMPDIR", "/tmp")
    return env
