"""Diagnostics: one catalogue of stable codes, one format.

Every message the generator prints about a seed has the form
``seeds/x.txt:12: warning[BS101]: message`` so editors and CI annotate the right line.
Codes never change meaning; new ones are appended. The README lists them
(a test keeps the two in step).
"""
from __future__ import annotations

from dataclasses import dataclass

# code -> (severity, one-line explanation used in the README)
CATALOGUE: dict[str, tuple[str, str]] = {
    "BS100": ("error", "the seeds folder does not exist or is not a folder"),
    "BS101": ("warning", "the seed is binary or cannot be decoded as text; it is skipped"),
    "BS102": ("warning", "the seed is not UTF-8; it was decoded with a detected encoding"),
    "BS103": ("warning", "the seed is empty or holds only white space; its page says so"),
    "BS104": ("warning", "the seed holds control characters; each is shown as U+FFFD"),
    "BS105": ("warning", "two seeds map to the same page name; a numeric suffix keeps both"),
    "BS106": ("info", "a file in the seeds folder is not a .txt or .md seed and is ignored"),
    "BS107": ("warning", "the seed could not be read from disk"),
    "BS108": ("info", "the seed has no title line; the file name is used"),
    "BS109": ("warning", "the curated knowledge file is invalid; it is ignored"),
    "BS110": ("info", "a table row has more or fewer cells than its header; it was padded"),
    "BS199": ("error", "an analysis stage failed on this seed; the page shows its text unannotated"),
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A message about one place in one seed (``line`` 0 means the whole file)."""

    path: str        # as shown to the user, e.g. "seeds/x.txt"
    line: int
    code: str
    message: str

    @property
    def severity(self) -> str:
        return CATALOGUE[self.code][0]

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}[{self.code}]: {self.message}"


def diagnostic(path: str, line: int, code: str, message: str) -> Diagnostic:
    """Build a diagnostic, refusing codes missing from the catalogue."""
    if code not in CATALOGUE:
        raise KeyError(f"unknown diagnostic code {code}")
    return Diagnostic(path, line, code, message)


def counts_against_strict(diag: Diagnostic) -> bool:
    """Strict mode fails on warnings and errors, never on info."""
    return diag.severity in ("warning", "error")
