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
def _cues() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(status, cue in lower case, whole-word pattern) in priority order, longest cues first.

    A plain substring test rejects almost every sentence before any regex runs.
    """
    data = yaml.safe_load((Path(__file__).parent.parent / "data" / "status.yml").read_text("utf-8"))
    return tuple(
        (status, cue.lower().split()[0], re.compile(_cue(cue), re.IGNORECASE))
        for status in _PRIORITY
        for cue in sorted(data.get(status) or [], key=len, reverse=True)
    )


def _cue(cue: str) -> str:
    escaped = r"\s+".join(re.escape(word) for word in cue.split())
    if cue[:1].isascii() and cue[:1].isalpha():
        return rf"(?<![\w-]){escaped}(?![\w-])"
    return escaped


def statuses_in(sentence: str) -> tuple[tuple[str, str], ...]:
    """(status, first cue as written) for each status the sentence states, in STATUSES order.

    Higher-priority cues claim their words first, so "will release" is a prediction rather
    than "released", and "unreleased" is not also "released".
    """
    lowered = sentence.lower()
    found: dict[str, str] = {}
    taken: list[tuple[int, int]] = []
    for status, first_word, pattern in _cues():
        if status in found or first_word not in lowered:
            continue
        for match in pattern.finditer(sentence):
            if all(match.end() <= a or match.start() >= b for a, b in taken):
                taken.append(match.span())
                found[status] = match.group(0)
                break
    return tuple((status, found[status]) for status in STATUSES if status in found)


_PRIORITY = ("predicted", "unreleased", "leaked", "rumoured", "released")
