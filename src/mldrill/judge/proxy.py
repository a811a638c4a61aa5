"""Trusted-side stand-ins for objects that live in the candidate's process.

``sol.softmax(x)`` sends one call request; an object that is not plain data (a class
instance, say) comes back as a ``Remote`` that forwards its own method calls the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .box.codec import Handle

if TYPE_CHECKING:
    from .connection import Connection


class Remote:
    """A handle to an object in the box; attribute access names a member to call."""

    __slots__ = ("_conn", "_handle")

    def __init__(self, conn: Connection, handle: Handle) -> None:
        object.__setattr__(self, "_conn", conn)
        object.__setattr__(self, "_handle", handle)

    def __getattr__(self, name: str) -> RemoteMember:
        if name.startswith("__"):
            raise AttributeError(name)
        return RemoteMember(self._conn, self._handle, name)

    def __call__(self, *args, **kwargs):
        return self._conn.call(self._handle, None, args, kwargs)

    def __repr__(self) -> str:
        return f"<candidate {self._handle.type_name} object>"

    def __bool__(self) -> bool:
        return True


class RemoteMember:
    """``remote.name``: call it to invoke the method, or pass it to ``attr()`` for its value."""

    __slots__ = ("_conn", "_handle", "_name")

    def __init__(self, conn: Connection, handle: Handle, name: str) -> None:
        self._conn = conn
        self._handle = handle
        self._name = name

    def __call__(self, *args, **kwargs):
        return self._conn.call(self._handle, self._name, args, kwargs)

    def value(self):
        return self._conn.getattr(self._handle, self._name)

    def __repr__(self) -> str:
        return f"<candidate {self._handle.type_name}.{self._name}>"


class Project:
    """Root of a multi-file project: ``proj.model`` imports the candidate's ``model.py``."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._modules: dict[str, Remote] = {}

    def __getattr__(self, name: str) -> Remote:
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._modules:
            self._modules[name] = self._conn.import_module(name)
        return self._modules[name]


def wrap(conn: Connection, value):
    """Turn handles in a decoded reply into ``Remote`` objects."""
    if type(value) is Handle:
        return Remote(conn, value)
    if type(value) is list:
        return [wrap(conn, v) for v in value]
    if type(value) is tuple:
        return tuple(wrap(conn, v) for v in value)
    if type(value) is dict:
        return {k: wrap(conn, v) for k, v in value.items()}
    return value


def unwrap(value):
    """Turn ``Remote`` objects in call arguments back into handles."""
    if type(value) is Remote:
        return value._handle
    if type(value) is list:
        return [unwrap(v) for v in value]
    if type(value) is tuple:
        return tuple(unwrap(v) for v in value)
    if type(value) is dict:
        return {k: unwrap(v) for k, v in value.items()}
    return value
