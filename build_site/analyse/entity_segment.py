"""jieba's part-of-speech segmentation (``jieba.posseg.cut``), with the same results, made cheap.

``jieba.posseg`` costs seconds before it segments anything: importing it loads the whole
dictionary twice (a prefix dictionary of half a million entries and a tag table of 349,000)
and its HMM tables. Its Viterbi decoder then tries every pair of its 256 states for each
character it does not know, as in Traditional Chinese text, where it spends about 5 ms a
character. This module gives word for word and tag for tag what ``jieba.posseg.cut(text)``
gives (HMM on, jieba's default dictionary, no user dictionary), by the same algorithm:

* the dictionary is read from a compact cache in the temporary directory (as jieba caches its
  own prefix dictionary there), built once from jieba's own tables and mapped, not read: only
  the entries starting with the characters actually segmented are ever unpacked, by their
  first two characters;
* the Viterbi decoder skips what cannot win (see ``_viterbi``), with the same floating-point
  sums in the same order and the same tie-break (the greater state);
* what was decoded and segmented is remembered per string, since the same clauses and
  stretches of unknown characters recur across a corpus.

If the cache cannot be written, the tables are built in memory from jieba for each process.
"""
from __future__ import annotations

import hashlib
import logging
import marshal
import mmap
import os
import re
import sys
import tempfile
from array import array
from importlib.util import find_spec
from math import log
from pathlib import Path
from typing import Callable

_CACHE_FORMAT = 3
_MIN_FLOAT = -3.14e100
_MEMO_LIMIT = 200_000

# jieba.posseg's own patterns (str patterns, so Unicode classes).
_HAN_INTERNAL = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
_SKIP_INTERNAL = re.compile("(\r\n|\\s)")
_HAN_DETAIL = re.compile("([\u4E00-\u9FD5]+)")
_SKIP_DETAIL = re.compile("([\\.0-9]+|[a-zA-Z0-9]+)")
_ENG = re.compile("[a-zA-Z0-9]+")
_NUM = re.compile("[\\.0-9]+")


class _Tables:
    """The model, unpacked on demand: ``char(c)`` and ``block(c1c2)`` give dictionary slices."""

    def __init__(self, header: dict, chars: Callable[[str], bytes | None]):
        self.log_total = log(header["total"])
        self.states: tuple[tuple[str, str], ...] = header["states"]     # sorted: index order = tuple order
        self.start: tuple[float, ...] = header["start"]
        self.successors: tuple[tuple[tuple[int, float], ...], ...] = header["successors"]
        self.successor_sets: tuple[frozenset[int], ...] = header["successor_sets"]
        self.predecessors: tuple[tuple[tuple[int, float], ...], ...] = header["predecessors"]
        self.lowest_any_transition: float = header["lowest_any_transition"]
        self.transitions_at_most_zero: bool = header["transitions_at_most_zero"]
        self.has_successors = tuple(bool(pairs) for pairs in self.successors)
        self.all_states = frozenset(range(len(self.states)))
        self.incoming_maps = tuple(dict(pairs) for pairs in self.predecessors)   # y -> {x: transition}
        self._chars = chars
        self._char_cache: dict[str, tuple] = {}
        self._pair_cache: dict[str, tuple[dict[str, int], dict[str, str]]] = {}
        self.weights: dict[str, float] = {}

    def char(self, char: str) -> tuple:
        """(freq or None, tag or None, HMM states or None, emissions, pair index) of one character."""
        found = self._char_cache.get(char)
        if found is None:
            blob = self._chars(char)
            found = marshal.loads(blob) if blob is not None else (None, None, None, {}, {})
            self._char_cache[char] = found
        return found

    def block(self, prefix: str) -> tuple[dict[str, int], dict[str, str]]:
        """Prefix-dictionary entries and word tags of the keys that start with two characters."""
        found = self._pair_cache.get(prefix)
        if found is None:
            blob = self.char(prefix[0])[4].get(prefix[1])
            found = marshal.loads(blob) if blob is not None else ({}, {})
            self._pair_cache[prefix] = found
        return found

    def freq(self, word: str) -> int | None:
        """jieba's ``FREQ.get(word)``: a count for a word, 0 for a mere prefix, None if neither."""
        if len(word) == 1:
            return self.char(word)[0]
        return self.block(word[:2])[0].get(word)

    def weight(self, word: str) -> float:
        """``log(FREQ.get(word) or 1) - log(total)``, as jieba's ``calc`` computes it."""
        found = self.weights.get(word)
        if found is None:
            found = self.weights[word] = log(self.freq(word) or 1) - self.log_total
        return found

    def tag(self, word: str) -> str:
        """jieba's ``word_tag_tab.get(word, 'x')``."""
        if len(word) == 1:
            tag = self.char(word)[1]
            return "x" if tag is None else tag
        return self.block(word[:2])[1].get(word, "x")


_TABLES: _Tables | None = None
_DECODED: dict[str, tuple[tuple[str, str], ...]] = {}
_SEGMENTED: dict[str, tuple[tuple[str, str], ...]] = {}
_BLOCKS: dict[str, tuple[tuple[str, str], ...]] = {}


def cut(sentence: str) -> tuple[tuple[str, str], ...]:
    """(word, tag) pairs exactly as ``jieba.posseg.cut(sentence)`` yields them."""
    found = _SEGMENTED.get(sentence)
    if found is None:
        found = tuple(_cut_internal(sentence, _tables()))
        if len(_SEGMENTED) >= _MEMO_LIMIT:
            _SEGMENTED.clear()
        _SEGMENTED[sentence] = found
    return found


def _tables() -> _Tables:
    global _TABLES
    if _TABLES is None:
        _TABLES = _load()
    return _TABLES


# ---------------------------------------------------------------------------------------------
# The algorithm of jieba.posseg.POSTokenizer (HMM=True), step for step.


def _cut_internal(sentence: str, tables: _Tables):
    for block in _HAN_INTERNAL.split(sentence):
        if _HAN_INTERNAL.match(block):
            yield from _cut_dag(block, tables)
            continue
        for piece in _SKIP_INTERNAL.split(block):
            if _SKIP_INTERNAL.match(piece):
                yield piece, "x"
                continue
            for char in piece:
                if _NUM.match(char):
                    yield char, "m"
                elif _ENG.match(piece):    # jieba tests the whole piece here, not the character
                    yield char, "eng"
                else:
                    yield char, "x"


def _route(sentence: str, tables: _Tables) -> list[int]:
    """jieba's ``get_DAG`` and ``calc``: the end of the best word starting at each position.

    ``get_DAG`` lists, for each position, where the dictionary words starting there end (the
    prefix dictionary says when to stop looking); ``calc`` then picks, from the end backwards,
    the ending with the greatest ``log(freq or 1) - log(total) + best[end + 1]``, the later
    ending of equal ones (jieba takes the max of (score, end) tuples).
    """
    size = len(sentence)
    dag = []
    char, block = tables.char, tables.block
    for k in range(size):
        count = char(sentence[k])[0]
        ends = []
        if count is not None:
            if count:
                ends.append(k)
            if k + 1 < size:
                words = block(sentence[k:k + 2])[0]
                i = k + 1
                while i < size:
                    count = words.get(sentence[k:i + 1])
                    if count is None:
                        break
                    if count:
                        ends.append(i)
                    i += 1
        dag.append(ends or [k])
    weights, weight = tables.weights, tables.weight
    scores = [0.0] * (size + 1)
    route = [0] * size
    for index in range(size - 1, -1, -1):
        top = top_end = None
        for x in dag[index]:
            word = sentence[index:x + 1]
            value = weights.get(word)
            if value is None:
                value = weight(word)
            score = value + scores[x + 1]
            if top is None or score > top or (score == top and x > top_end):
                top, top_end = score, x
        scores[index] = top
        route[index] = top_end
    return route


def _cut_dag(sentence: str, tables: _Tables) -> tuple[tuple[str, str], ...]:
    """jieba.posseg's ``__cut_DAG`` (remembered per string: the same clauses recur)."""
    found = _BLOCKS.get(sentence)
    if found is not None:
        return found
    route = _route(sentence, tables)
    words = []
    x, size, buffer = 0, len(sentence), ""
    while x < size:
        y = route[x] + 1
        word = sentence[x:y]
        if y - x == 1:
            buffer += word
        else:
            if buffer:
                words += _flush(buffer, tables)
                buffer = ""
            words.append((word, tables.tag(word)))
        x = y
    if buffer:
        words += _flush(buffer, tables)
    found = tuple(words)
    if len(_BLOCKS) >= _MEMO_LIMIT:
        _BLOCKS.clear()
    _BLOCKS[sentence] = found
    return found


def _flush(buffer: str, tables: _Tables):
    if len(buffer) == 1:
        yield buffer, tables.tag(buffer)
    elif not tables.freq(buffer):
        yield from _cut_detail(buffer, tables)
    else:
        for char in buffer:
            yield char, tables.tag(char)


def _cut_detail(sentence: str, tables: _Tables):
    for block in _HAN_DETAIL.split(sentence):
        if _HAN_DETAIL.match(block):
            yield from _decode(block, tables)
            continue
        for piece in _SKIP_DETAIL.split(block):
            if piece:
                if _NUM.match(piece):
                    yield piece, "m"
                elif _ENG.match(piece):
                    yield piece, "eng"
                else:
                    yield piece, "x"


def _decode(sentence: str, tables: _Tables) -> tuple[tuple[str, str], ...]:
    """jieba.posseg's ``__cut``: words and tags from the Viterbi path (remembered per string)."""
    found = _DECODED.get(sentence)
    if found is not None:
        return found
    path = [tables.states[state] for state in _viterbi(sentence, tables)]
    words = []
    begin = following = 0
    for i, char in enumerate(sentence):
        position, tag = path[i]
        if position == "B":
            begin = i
        elif position == "E":
            words.append((sentence[begin:i + 1], tag))
            following = i + 1
        elif position == "S":
            words.append((char, tag))
            following = i + 1
    if following < len(sentence):
        words.append((sentence[following:], path[following][1]))
    found = tuple(words)
    if len(_DECODED) >= _MEMO_LIMIT:
        _DECODED.clear()
    _DECODED[sentence] = found
    return found


def _viterbi(obs: str, tables: _Tables) -> list[int]:
    """jieba.posseg.viterbi.viterbi, visiting only what can win.

    jieba scores every (previous, next) pair as ``V[prev] + trans.get(next, -inf) + emit``
    and keeps the greatest (score, previous state). A next state is only considered when some
    previous state leads to it and every score is finite, so a missing transition (-inf) never
    wins: only existing transitions count. They are not all visited: next states that do not
    emit the character (emission -3.14e100, which swallows any ordinary score in the rounding)
    are settled together (``_step_uniform``), the others by bounds, best previous scores first
    (``_step_classes``). Sums keep jieba's order, so every score is bit for bit jieba's.
    """
    first = tables.char(obs[0])
    emissions = first[3]
    scores = {y: tables.start[y] + emissions.get(y, _MIN_FLOAT)
              for y in (first[2] if first[2] is not None else tables.all_states)}
    back: list[dict[int, int]] = [dict.fromkeys(scores, -1)]
    successor_sets, has_successors = tables.successor_sets, tables.has_successors
    for t in range(1, len(obs)):
        previous = [x for x in scores if has_successors[x]]
        expected = set().union(*[successor_sets[x] for x in previous])
        char = tables.char(obs[t])
        possible = char[2] if char[2] is not None else tables.all_states
        states = expected.intersection(possible)
        if not states:
            states = expected if expected else tables.all_states
        if not previous:
            raise ValueError("max() arg is an empty sequence")  # what jieba raises here
        emissions = char[3]
        if not tables.transitions_at_most_zero:  # the bounds below need transitions <= 0
            best, origin = {}, {}
            more, more_origin = _step_pairs(previous, scores, {y: emissions.get(y, _MIN_FLOAT) for y in states}, tables)
        else:
            silent = [y for y in states if y not in emissions]  # these emit the character with -3.14e100
            if len(silent) > 16:
                best, origin = _step_uniform(previous, scores, _MIN_FLOAT, silent, tables)
                emit = {y: emissions[y] for y in states if y in emissions}
            else:
                best, origin = {}, {}
                emit = {y: emissions.get(y, _MIN_FLOAT) for y in states}
            more, more_origin = _step_classes(previous, scores, emit, tables)
        best.update(more)
        origin.update(more_origin)
        scores = best
        back.append(origin)
    state = max((score, y) for y, score in scores.items())[1]
    path = [0] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        path[i] = state
        state = back[i][state]
    return path


def _step_pairs(previous: list[int], scores: dict[int, float], emit: dict[int, float], tables: _Tables
                ) -> tuple[dict[int, float], dict[int, int]]:
    """One Viterbi step over every existing transition from the previous states."""
    successors = tables.successors
    best: dict[int, float] = {}
    origin: dict[int, int] = {}
    for x in previous:
        base = scores[x]
        for y, transition in successors[x]:
            if y in emit:
                score = base + transition + emit[y]
                current = best.get(y)
                if current is None or score > current or (score == current and x > origin[y]):
                    best[y] = score
                    origin[y] = x
    return best, origin


def _step_classes(previous: list[int], scores: dict[int, float], emit: dict[int, float], tables: _Tables
                  ) -> tuple[dict[int, float], dict[int, int]]:
    """The same step, by classes of previous states with equal scores, best class first.

    Every transition t lies in [lowest, 0] and rounding is monotonic, so a previous state with
    score v gives next state y between ``(v + lowest) + emit[y]`` and ``v + emit[y]``. Classes
    are visited until the upper bound falls below the best found (then nothing later can reach
    it, nor tie with it). Where a class's two bounds are equal, as for the huge negative scores
    after an unknown character, all of it scores the same and its greatest state that leads to
    y is the one jieba's tie-break keeps; otherwise its states are scored one by one.
    """
    classes: dict[float, list[int]] = {}
    for x in sorted(previous, reverse=True):        # each class's states, greatest first
        classes.setdefault(scores[x], []).append(x)
    ranked = sorted(classes.items(), reverse=True)
    lowest, predecessors, incoming_maps = tables.lowest_any_transition, tables.predecessors, tables.incoming_maps
    sets: dict[float, set[int]] = {}
    best: dict[int, float] = {}
    origin: dict[int, int] = {}
    for y, emission in emit.items():
        top, top_state = None, -1
        transitions = incoming_maps[y]
        for value, members in ranked:
            ceiling = value + emission
            if top is not None and ceiling < top:
                break
            if len(members) > 1 and (value + lowest) + emission == ceiling:
                if top is not None and ceiling == top and members[0] < top_state:
                    continue  # even its greatest state loses the tie
                incoming = predecessors[y]            # (state, transition), greatest state first
                found = -1
                if len(incoming) < len(members):
                    member_set = sets.get(value)
                    if member_set is None:
                        member_set = sets[value] = set(members)
                    for x, _ in incoming:
                        if x in member_set:
                            found = x
                            break
                else:
                    for x in members:
                        if x in transitions:
                            found = x
                            break
                if found >= 0 and (top is None or ceiling > top or found > top_state):
                    top, top_state = ceiling, found
                continue
            for x in members:
                transition = transitions.get(x)
                if transition is not None:
                    score = value + transition + emission
                    if top is None or score > top or (score == top and x > top_state):
                        top, top_state = score, x
        best[y] = top
        origin[y] = top_state
    return best, origin


def _step_uniform(previous: list[int], scores: dict[int, float], emission: float, states: set[int],
                  tables: _Tables) -> tuple[dict[int, float], dict[int, int]]:
    """The same step for a character no state emits (every emission is -3.14e100).

    Every transition t lies in [lowest, 0], and rounding is monotonic, so a previous state
    with score v gives any next state a score between ``(v + lowest) + e`` and ``v + e``.
    Where the two are equal (the emission swallows the transition, as it does for any score
    of ordinary size), that previous state scores the same for every next state it leads to.
    Such states are grouped by that score; for each next state the best group that leads to
    it wins, by its greatest state (jieba's tie-break); the others are scored pair by pair.
    """
    lowest = tables.lowest_any_transition
    groups: dict[float, set[int]] = {}
    others: set[int] = set()
    for x in previous:
        value = scores[x]
        ceiling = value + emission
        if (value + lowest) + emission == ceiling:
            groups.setdefault(ceiling, set()).add(x)
        else:
            others.add(x)
    ceilings = sorted(groups, reverse=True)
    predecessors = tables.predecessors
    best: dict[int, float] = {}
    origin: dict[int, int] = {}
    for y in states:
        top, top_state = None, -1
        incoming = predecessors[y]                     # (state, transition), greatest state first
        for ceiling in ceilings:
            if top is not None and ceiling < top:
                break
            members = groups[ceiling]
            for x, _ in incoming:
                if x in members:
                    if top is None or ceiling > top or (ceiling == top and x > top_state):
                        top, top_state = ceiling, x
                    break
        if others:
            for x, transition in incoming:
                if x in others:
                    score = scores[x] + transition + emission
                    if top is None or score > top or (score == top and x > top_state):
                        top, top_state = score, x
        best[y] = top
        origin[y] = top_state
    return best, origin


# ---------------------------------------------------------------------------------------------
# The cache: built once from jieba's own tables, then read in slices.


def _load() -> _Tables:
    try:
        path = _cache_path()
    except Exception:  # jieba not installed in a normal layout: build in memory below
        path = None
    if path is not None and path.is_file():
        try:
            return _read(path)
        except Exception:
            pass
    header, chars = _build()
    if path is not None:
        try:
            _write(path, header, chars)
            return _read(path)
        except Exception:
            pass
    return _Tables(header, chars.get)


def _cache_path() -> Path:
    spec = find_spec("jieba")
    root = Path(spec.origin).parent
    parts = [f"format={_CACHE_FORMAT}", sys.version, str(marshal.version)]
    for name in ("__init__.py", "dict.txt", "posseg/__init__.py", "posseg/viterbi.py", "posseg/char_state_tab.py",
                 "posseg/prob_start.py", "posseg/prob_trans.py", "posseg/prob_emit.py"):
        stat = (root / name).stat()
        parts.append(f"{root / name}:{stat.st_size}:{stat.st_mtime_ns}")
    key = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:20]
    return Path(tempfile.gettempdir()) / f"build_site-posseg-{key}.cache"


def _read(path: Path) -> _Tables:
    """The tables from the cache, mapped rather than read: only the characters used are paged in."""
    with path.open("rb") as handle:
        data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    size = int.from_bytes(data[:8], "little")
    header, keys, bounds = marshal.loads(data[8:8 + size])
    offsets = array("q")
    offsets.frombytes(bounds)
    base = 8 + size
    if len(offsets) != len(keys) + 1 or len(data) != base + offsets[-1]:
        raise ValueError(f"{path}: truncated or foreign cache")
    index = {char: number for number, char in enumerate(keys)}

    def chars(char: str) -> bytes | None:
        number = index.get(char)
        return None if number is None else data[base + offsets[number]:base + offsets[number + 1]]
    return _Tables(header, chars)


def _write(path: Path, header: dict, chars: dict[str, bytes]) -> None:
    keys = "".join(chars)
    if len(keys) != len(chars):
        raise ValueError("every key of the cache index is one character")
    offsets, blobs = array("q", [0]), []
    for blob in chars.values():
        blobs.append(blob)
        offsets.append(offsets[-1] + len(blob))
    head = marshal.dumps((header, keys, offsets.tobytes()))
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(len(head).to_bytes(8, "little"))
            out.write(head)
            out.write(b"".join(blobs))
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _build() -> tuple[dict, dict[str, bytes]]:
    """The tables, from jieba itself: its prefix dictionary, tag table and HMM model."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.check_initialized()
    freq, total = jieba.dt.FREQ, jieba.dt.total
    tags = jieba.posseg.dt.word_tag_tab
    states = tuple(sorted(jieba.posseg.trans_P))
    number = {state: n for n, state in enumerate(states)}
    successors = tuple(tuple((number[y], p) for y, p in jieba.posseg.trans_P[state].items()) for state in states)
    incoming: list[list[tuple[int, float]]] = [[] for _ in states]
    for x, pairs in enumerate(successors):
        for y, transition in pairs:
            incoming[y].append((x, transition))
    transitions = [t for pairs in successors for _, t in pairs]
    header = {
        "total": total,
        "states": states,
        "start": tuple(jieba.posseg.start_P[state] for state in states),
        "successors": successors,
        "successor_sets": tuple(frozenset(y for y, _ in pairs) for pairs in successors),
        "predecessors": tuple(tuple(sorted(pairs, reverse=True)) for pairs in incoming),  # greatest state first
        "lowest_any_transition": min(transitions, default=0.0),
        "transitions_at_most_zero": all(-1e300 < t <= 0.0 for t in transitions),
    }
    emissions: dict[str, dict[int, float]] = {}
    for state, table in jieba.posseg.emit_P.items():
        for char, p in table.items():
            emissions.setdefault(char, {})[number[state]] = p
    hmm_states = {char: tuple(sorted({number[s] for s in found})) for char, found in jieba.posseg.char_state_tab_P.items()}
    pairs: dict[str, dict[str, tuple[dict[str, int], dict[str, str]]]] = {}
    for key, count in freq.items():
        if len(key) > 1:
            pairs.setdefault(key[0], {}).setdefault(key[1], ({}, {}))[0][key] = count
    for word, tag in tags.items():
        if len(word) > 1:
            pairs.setdefault(word[0], {}).setdefault(word[1], ({}, {}))[1][word] = tag
    chars = {}
    for char in {*(k[0] for k in freq), *(w[0] for w in tags), *emissions, *hmm_states}:
        index = {second: marshal.dumps(block) for second, block in pairs.get(char, {}).items()}
        chars[char] = marshal.dumps((freq.get(char), tags.get(char), hmm_states.get(char),
                                     emissions.get(char, {}), index))
    return header, chars
