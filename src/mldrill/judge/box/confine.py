"""Confinement steps a freshly forked child applies to itself before it loads candidate code.

Order matters: the mount namespace and tmpfs need CAP_SYS_ADMIN, the uid drop removes every
capability, and the seccomp filter goes last because it forbids the calls made before it.
"""

from __future__ import annotations

import ctypes
import errno
import os
import resource

_libc = ctypes.CDLL(None, use_errno=True)

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
CLONE_NEWCGROUP = 0x02000000
MS_NOSUID = 2
MS_NODEV = 4
MS_REC = 16384
MS_PRIVATE = 1 << 18
PR_SET_NO_NEW_PRIVS = 38
PR_SET_DUMPABLE = 4
PR_CAPBSET_DROP = 24
NOBODY = 65534

# Calls that have no business in a grading child. Hitting one kills the process with
# SIGSYS, which the trusted side reports as a ``violation``.
DENIED_SYSCALLS = (
    "socket", "socketpair", "connect", "bind", "listen", "accept", "accept4",
    "ptrace", "process_vm_readv", "process_vm_writev", "execve", "execveat",
    "mount", "umount2", "unshare", "setns", "pivot_root", "chroot", "bpf",
    "io_uring_setup", "io_uring_enter", "io_uring_register", "keyctl", "add_key",
    "request_key", "perf_event_open", "setsid", "setpgid", "kexec_load",
    "init_module", "finit_module", "delete_module", "reboot", "swapon", "swapoff",
    "userfaultfd", "open_by_handle_at", "name_to_handle_at", "fanotify_init",
    "pidfd_open", "pidfd_getfd", "pidfd_send_signal", "tkill",
)  # fmt: skip
_NAMESPACE_FLAGS = (
    CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER,
    CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWCGROUP,
)  # fmt: skip


class ConfineError(RuntimeError):
    """A confinement step failed; the child must not run candidate code."""


def _check(result: int, what: str) -> None:
    if result != 0:
        code = ctypes.get_errno()
        raise ConfineError(f"{what} failed: {os.strerror(code)} (errno {code})")


def private_tmpfs(path: str, size_mb: int) -> None:
    """Enter a new mount namespace and mount a fresh tmpfs at ``path``."""
    _check(_libc.unshare(CLONE_NEWNS), "unshare(CLONE_NEWNS)")
    _check(_libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "making / private")
    opts = f"size={size_mb}m,mode=0755,nr_inodes=4096".encode()
    _check(_libc.mount(b"tmpfs", path.encode(), b"tmpfs", MS_NOSUID | MS_NODEV, opts), "tmpfs")


def set_limits(
    base: int, cpu_seconds: int, memory_mb: int, fsize_mb: int, nofile: int, nproc: int
) -> None:
    """Apply rlimits; the address-space limit is ``memory_mb`` above ``base`` (what the
    process already maps). Called twice: ceilings first, then the problem's lower values."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (fsize_mb << 20, fsize_mb << 20))
    resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))
    resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
    if memory_mb > 0:
        limit = base + (memory_mb << 20)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def mapped_bytes() -> int:
    """The process's current virtual size (VmSize)."""
    with open("/proc/self/status", "rb") as fh:
        for line in fh:
            if line.startswith(b"VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def drop_privileges() -> None:
    """Become an unprivileged user (root) or shed every capability (user namespace)."""
    if os.getuid() == 0:
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
        except OSError as exc:
            if exc.errno != errno.EINVAL:  # uid 65534 is not mapped in a user namespace
                raise
            _drop_capabilities()
    else:
        _drop_capabilities()
    _check(_libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), "prctl(PR_SET_DUMPABLE)")


def _drop_capabilities() -> None:
    for cap in range(64):
        if _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 and ctypes.get_errno() == errno.EINVAL:
            break
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this thread
    data = (ctypes.c_uint32 * 6)()
    _check(_libc.syscall(126, header, data), "capset")  # SYS_capset on x86_64


def no_new_privs() -> None:
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(PR_SET_NO_NEW_PRIVS)")


PID_PLACEHOLDER = 0x7FFF1234  # stands for the child's pid in the compiled template
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def compile_seccomp_template() -> bytes:
    """The filter compiled once to classic BPF, with a placeholder where the pid goes.

    libseccomp takes over a millisecond to build and compile a filter; the zygote does it once
    and each child only patches its own pid in and loads the program with one prctl.
    """
    filt = build_seccomp_filter(PID_PLACEHOLDER)
    fd = os.memfd_create("seccomp-bpf")
    try:
        with os.fdopen(os.dup(fd), "w+b") as fh:
            filt.export_bpf(fh)
        os.lseek(fd, 0, os.SEEK_SET)
        program = b""
        while chunk := os.read(fd, 65536):
            program += chunk
    finally:
        os.close(fd)
    if len(program) % 8 or PID_PLACEHOLDER.to_bytes(4, "little") not in program:
        raise ConfineError("unexpected seccomp program from libseccomp")
    return program


def load_seccomp(template: bytes, own_pid: int) -> None:
    """Patch ``own_pid`` into the compiled filter and install it (no_new_privs must be set)."""
    program = bytearray(template)
    place, pid = PID_PLACEHOLDER.to_bytes(4, "little"), own_pid.to_bytes(4, "little")
    for offset in range(0, len(program), 8):  # struct sock_filter {u16 code; u8 jt, jf; u32 k}
        if program[offset + 4 : offset + 8] == place:
            program[offset + 4 : offset + 8] = pid
    buffer = (ctypes.c_char * len(program)).from_buffer(program)
    prog = _SockFprog(len(program) // 8, ctypes.addressof(buffer))
    _check(
        _libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0),
        "prctl(PR_SET_SECCOMP)",
    )


def build_seccomp_filter(own_pid: int):
    """Deny-list filter: namespaces, sockets, exec, tracing and signals to other processes."""
    import pyseccomp as sc

    filt = sc.SyscallFilter(sc.ALLOW)
    for name in DENIED_SYSCALLS:
        try:
            filt.add_rule(sc.KILL_PROCESS, name)
        except OSError:  # a call this architecture does not have
            continue
    for flag in _NAMESPACE_FLAGS:
        filt.add_rule(sc.KILL_PROCESS, "clone", sc.Arg(0, sc.MASKED_EQ, flag, flag))
    # clone3 passes its flags in memory a filter cannot read; ENOSYS makes libc fall back.
    filt.add_rule(sc.ERRNO(errno.ENOSYS), "clone3")
    filt.add_rule(sc.KILL_PROCESS, "kill", sc.Arg(0, sc.NE, own_pid))
    filt.add_rule(sc.KILL_PROCESS, "tgkill", sc.Arg(0, sc.NE, own_pid))
    return filt
