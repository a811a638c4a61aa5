"""Checkers compare what the candidate returned with what was expected, on the trusted side.

Each is ``check(got, expected, **options) -> Check``; a failed Check carries a message for a
person and, when the mistake is a known one, a hint.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    ok: bool
    message: str = ""
    hint: str = ""


PASS = Check(True)
