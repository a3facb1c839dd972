"""Release status stated in a sentence: released, unreleased, leaked, rumoured, predicted.

The cue lists are data (``data/status.yml``); one compiled pattern per status, built once.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

STATUSES = ("released", "unreleased", "leaked", "rumoured", "predicted")


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    data = yaml.safe_load((Path(__file__).parent.parent / "data" / "status.yml").read_text("utf-8"))
    compiled = []
    for status in STATUSES:
        cues = sorted(data.get(status) or [], key=len, reverse=True)
        alternation = "|".join(_cue(c) for c in cues)
        compiled.append((status, re.compile(alternation, re.IGNORECASE)))
    return tuple(compiled)


def _cue(cue: str) -> str:
    escaped = re.escape(cue).replace(r"\ ", r"\s+")
    if cue[:1].isascii() and cue[:1].isalpha():
        return rf"(?<![\w-]){escaped}(?![\w-])"
    return escaped


def statuses_in(sentence: str) -> tuple[tuple[str, str], ...]:
    """(status, cue as written) for each status the sentence states, in STATUSES order.

    A predicted release wins over a plain "released" cue inside it ("will release" is not
    "released"), and "unreleased" is not also "released".
    """
    found: list[tuple[str, str]] = []
    taken: list[tuple[int, int]] = []
    for status, pattern in sorted(_patterns(), key=lambda sp: _PRIORITY.index(sp[0])):
        for match in pattern.finditer(sentence):
            if all(match.end() <= a or match.start() >= b for a, b in taken):
                taken.append(match.span())
                found.append((status, match.group(0)))
                break
    return tuple(sorted(found, key=lambda sc: STATUSES.index(sc[0])))


_PRIORITY = ("predicted", "unreleased", "leaked", "rumoured", "released")
