"""Diagnostics: every problem a user can cause, as `path:line: CODE message (hint)`."""

from __future__ import annotations

import re

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    code: str
    message: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.code.startswith("E")

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.code} {self.message}"
        return _one_line(f"{text} ({self.hint})" if self.hint else text)


# A file name or value with a newline or a stray byte must not split a diagnostic or forge a second one.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _one_line(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: m[0].encode("unicode_escape", "backslashreplace").decode("ascii"), text)


class BuildError(Exception):
    """Raised with the diagnostics that make a build impossible."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    def __reduce__(self):
        # Raised in a worker process, it crosses back to the build as itself, diagnostics included.
        return BuildError, (self.diagnostics,)


def errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.is_error]


def warnings(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if not d.is_error]
