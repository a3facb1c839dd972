"""Epistemic labels: how a sentence presents its claim.

A reader of an analysis needs to tell what the author asserts from what someone else said,
what is hedged, rumoured, forecast or merely the author's opinion. Each sentence gets exactly
one of ``LABELS`` from cue phrases kept in ``build_site/data/cues_en.yml`` and ``cues_zh.yml``
(each compiled once, at import, into a single regular expression).

How the label is decided, and why:

1. A question (ending in ``?`` or ``？``) asserts nothing: ``hedged``, the cue is the mark.
2. Cues that are not cues are removed: nominal uses listed in the lexicon ("free will",
   "in May", 将军), capitalised cue words mid-sentence ("Will Smith", the band "Rumours")
   unless the sentence is in Title Case, cues inside a quoted title (《传闻》, "Rumors of War"),
   negated cues whose negation makes a plain statement ("did not leak", "no evidence
   suggests", "did not say"), and cues inside someone else's fear, hope or question
   ("citing fears that it could be misused", "whether it will ship").
3. Of the cues left, the highest rank wins and, on a tie, the earliest (the head clause
   usually comes first). Ranks: rumour (unverified provenance taints the whole sentence) >
   frames, i.e. reporting, belief and forecasting verbs that govern the clause after them
   ("analysts say it will" is attributed, "we believe it will" an opinion, "we predict" a
   prediction) > strong prediction ("will", "expected to", "is likely to") = normative
   opinion ("should", "must") > hedge ("may", "could", "would", "likely") > weak prediction
   (a future time phrase alone: "next year", "by 2030").
4. No cue: ``stated``.

So a forecast stays a prediction when qualified ("will likely", "is unlikely to"), but a mere
possibility is a hedge ("could triple by 2030"). A leak or leaked document named as the
source of a reporting verb ("the leak indicates", "the leaked memo shows") is ``attributed``;
a leak mentioned otherwise ("specs leaked online", "leaked benchmarks", 洩露事件) is a
``rumour``, as are 据报道 ("reportedly") and 据悉; 根据/表示/称 are attributions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

LABELS = ("stated", "attributed", "hedged", "rumour", "prediction", "opinion")

_DATA = Path(__file__).resolve().parent.parent / "data"
_KINDS = frozenset(LABELS) | {"nominal", "scope"}
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_LATIN_LETTER = re.compile("[A-Za-z]")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_CAPITALISED_NEXT = re.compile(r"\s+[A-Z]")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]，；：（）、]")
_MACRO = re.compile(r"\{(\w+)\}")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_QUOTE_PAIRS = ("《》", "〈〉", '""', "“”", "''", "‘’")
_TITLE_QUOTE = re.compile("|".join(f"{o}[^{c}\\n]{{1,40}}{c}" for o, c in _QUOTE_PAIRS))
_QUESTION_END = re.compile("[?？][\"'”’)\\]」』）》]*\\s*$")
_NEGATION_REACH = 30   # characters before a cue searched for a negator
_NEGATION_WORDS = 3    # ... of which this many Latin words
_NEGATION_CHARS = 4    # ... or this many CJK characters
_FRAME_RANK = 5        # rank of frames (reporting, belief, forecasting verbs); rumours rank above


@dataclass(frozen=True)
class EpistemicLabel:
    label: str                 # one of LABELS
    cue: str | None            # the cue as written in the sentence (None for stated)
    cue_start: int | None      # offset of the cue in the sentence


@dataclass(frozen=True)
class _Cue:
    kind: str                  # a label, "nominal" or "scope"
    rank: int
    negatable: bool


@dataclass(frozen=True)
class _Hit:
    cue: _Cue
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Lexicon:
    """One language's cues compiled into a single alternation, longest phrases first."""

    pattern: re.Pattern[str]
    cues: tuple[_Cue, ...]              # cues[i] belongs to the named group ``c{i}``
    latin: bool
    negators: re.Pattern[str]           # group ``neg`` marks a negator, other groups false friends
    capitalised_nominal: frozenset[str]

    def hits(self, text: str) -> list[_Hit]:
        """Non-overlapping cue matches, longest first at each position, minus nominal ones."""
        found = (_Hit(self.cues[int(m.lastgroup[1:])], m.start(), m.end(), text[m.start():m.end()])
                 for m in self.pattern.finditer(text.translate(_ASCII_LOWER)))
        return [hit for hit in found if hit.cue.kind != "nominal"]

    def negated(self, text: str, hit: _Hit) -> bool:
        """Whether a negator closely precedes ``hit`` in the same clause."""
        window = _CLAUSE_BREAK.split(text[max(0, hit.start - _NEGATION_REACH):hit.start])[-1]
        if self.latin:
            words = _LATIN_WORD.findall(window)[-_NEGATION_WORDS:]
            return any(self.negators.fullmatch(word.replace("’", "'")) for word in words)
        found = self.negators.finditer(window[-_NEGATION_CHARS:])
        return any(m.lastgroup == "neg" for m in found)


def label_sentence(text: str, lang: str = "en") -> EpistemicLabel:
    """The epistemic label of one sentence; ``lang`` is a BCP-47 tag ("en", "zh-Hant" ...).

    The lexicon of ``lang`` is always used, the other one too when the sentence contains its
    script, so Chinese sentences quoting English (and the reverse) are read in both.
    """
    question = _QUESTION_END.search(text)
    if question is not None:
        return EpistemicLabel("hedged", text[question.start()], question.start())
    counted = _counted_hits(text, lang)
    if not counted:
        return EpistemicLabel("stated", None, None)
    best = max(counted, key=lambda hit: (hit.cue.rank, -hit.start))
    return EpistemicLabel(best.cue.kind, best.text, best.start)


def _counted_hits(text: str, lang: str) -> list[_Hit]:
    """The cue hits that count, in order of position."""
    titles = _title_spans(text)
    roles = sorted(((hit, _role(text, hit, lexicon, titles))
                    for lexicon in _lexicons_for(text, lang) for hit in lexicon.hits(text)),
                   key=lambda pair: pair[0].start)
    return _outside_scopes(text, roles)


def _role(text: str, hit: _Hit, lexicon: _Lexicon, titles: list[tuple[int, int]]) -> str:
    """``count``, ``drop`` or ``scope`` (the rest of the clause is not the author's claim).

    A negated frame or rumour also opens a scope: in "it is not rumoured that Tesla will
    merge" or "no evidence suggests the chip will slip", nothing after it is asserted.
    """
    if hit.cue.kind == "scope":
        return "scope"
    if hit.cue.negatable and lexicon.negated(text, hit):
        return "scope" if hit.cue.rank >= _FRAME_RANK else "drop"
    if any(start <= hit.start and hit.end <= end for start, end in titles):
        return "drop"
    return "drop" if _is_proper_noun(text, hit, lexicon) else "count"


def _outside_scopes(text: str, roles: list[tuple[_Hit, str]]) -> list[_Hit]:
    """Counted hits that are not inside a scope (which runs to the end of its clause)."""
    kept: list[_Hit] = []
    scope_end = -1
    for hit, role in roles:
        if role == "scope":
            clause_end = _CLAUSE_BREAK.search(text, hit.end)
            scope_end = max(scope_end, clause_end.start() if clause_end else len(text))
        elif role == "count" and hit.start >= scope_end:
            kept.append(hit)
    return kept


def _is_proper_noun(text: str, hit: _Hit, lexicon: _Lexicon) -> bool:
    """A capitalised cue word is a name ("in May", "Rumours", "Will Smith") unless it opens the
    sentence without a capitalised word after it, or the sentence is in Title Case."""
    if hit.text.lower() not in lexicon.capitalised_nominal or not hit.text[0].isupper():
        return False
    if _is_title_case(text):
        return False
    first_letter = _LATIN_LETTER.search(text)
    opens_sentence = first_letter is not None and hit.start == first_letter.start()
    return not opens_sentence or _CAPITALISED_NEXT.match(text, hit.end) is not None


def _is_title_case(text: str) -> bool:
    """Headline style: most words of four letters or more are capitalised."""
    long_words = [w for w in _LATIN_WORD.findall(text[:400]) if len(w) >= 4]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.7 * len(long_words)


def _title_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted titles or names: 《...》, or short quotes whose words are capitalised."""
    spans = []
    for m in _TITLE_QUOTE.finditer(text):
        inner = m.group()[1:-1]
        words = _LATIN_WORD.findall(inner)
        capitalised = words and len(words) <= 5 and all(w[0].isupper() for w in words)
        if m.group()[0] in "《〈" or capitalised:
            spans.append((m.start(), m.end()))
    return spans


def _lexicons_for(text: str, lang: str) -> list[_Lexicon]:
    chinese = lang.lower().startswith("zh")
    primary, other = (_ZH, _EN) if chinese else (_EN, _ZH)
    script = _LATIN_LETTER if chinese else _CJK
    return [primary, other] if script.search(text) else [primary]


# --- lexicon compilation (import time) -------------------------------------------------------
#
# The cues of a language become one regular expression shaped as a character trie: at each
# position the engine compares one character against the first characters of all cues instead
# of trying hundreds of alternatives, so a 200,000-character sentence takes milliseconds.
# Matching is case-sensitive on ASCII-lower-cased text (case-insensitive literals would disable
# the engine's first-character skipping). A leaf is an empty named group ``c<i>`` naming the
# cue; children are tried before the leaf, so the longest cue at a position wins.

_Atom = tuple[str, str]          # (kind, value): char, gap, macro, context, end
_ATOM_ORDER = {"char": 0, "gap": 0, "macro": 0, "context": 1, "end": 2}


@dataclass
class _Node:
    children: dict[_Atom, _Node] = field(default_factory=dict)
    end: int | None = None       # a phrase ends here: its cue index (-1 inside a macro)


def _load_lexicon(name: str) -> _Lexicon:
    """Read ``data/<name>`` and compile it; see the header of cues_en.yml for the syntax."""
    with (_DATA / name).open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    latin = data["script"] == "latin"
    phrases = _macro_phrases(data, name)
    macros = _macros(phrases, latin)
    root, cues = _Node(), []
    for cue, group_phrases in _groups(data, name):
        for phrase in group_phrases:
            for expanded in _expand_leading_macro(phrase, phrases):
                node = _insert(root, _atoms(expanded, latin))
                if node.end is None:
                    node.end = len(cues)
                    cues.append(cue)
                elif cues[node.end].kind != cue.kind:
                    raise ValueError(f"{name}: {expanded!r} is listed under two labels")
    return _Lexicon(
        pattern=re.compile(_emit(root, macros, latin, top=True)),
        cues=tuple(cues),
        latin=latin,
        negators=_negator_regex(data, latin, name),
        capitalised_nominal=frozenset(map(str.lower, _strings(data, "capitalised_nominal", name))),
    )


def _groups(data: dict, name: str) -> list[tuple[_Cue, list[str]]]:
    groups = []
    for group in data["groups"]:
        if group["label"] not in _KINDS:
            raise ValueError(f"{name}: unknown label {group['label']!r}")
        cue = _Cue(group["label"], int(group.get("rank", 0)), bool(group.get("negatable", False)))
        groups.append((cue, _strings(group, "cues", name)))
    return groups


def _strings(mapping: dict, key: str, name: str) -> list[str]:
    values = mapping.get(key) or []
    if not all(isinstance(value, str) for value in values):
        raise TypeError(f"{name}: every entry of {key!r} must be a string (quote 'no', 'on')")
    return values


def _macro_phrases(data: dict, name: str) -> dict[str, list[str]]:
    """Macro name -> phrases; {future_year} is built in, {num} is a pattern (see _macros)."""
    first_year = int(data.get("future_year_from", 2026))
    phrases = {"future_year": [str(year) for year in range(first_year, 2100)]}
    for macro in data.get("macros") or {}:
        phrases[macro] = _strings(data["macros"], macro, name)
    return phrases


def _macros(phrases: dict[str, list[str]], latin: bool) -> dict[str, str]:
    """Macro name -> regex (a trie without leaves); a macro may use those defined before it."""
    macros = {"num": r"\d[\d,.]*"}
    for macro, values in phrases.items():
        root = _Node()
        for value in values:
            _insert(root, _atoms(value, latin, bare=True)).end = -1
        macros[macro] = _emit(root, macros, latin)
    return macros


def _expand_leading_macro(phrase: str, phrases: dict[str, list[str]]) -> list[str]:
    """"{source} says" -> "analysts says", ...: every trie branch then starts with a character."""
    lead = _MACRO.match(phrase)
    if lead is None or lead.group(1) not in phrases:
        return [phrase]
    return [value + phrase[lead.end():] for value in phrases[lead.group(1)]]


def _atoms(phrase: str, latin: bool, bare: bool = False) -> list[_Atom]:
    """A phrase as trie atoms; ``bare`` (macro values) adds no trailing word boundary."""
    cue, _, context = (part.strip() for part in phrase.partition(">>"))
    atoms: list[_Atom] = []
    for i, word in enumerate(cue.split()):
        if i:
            atoms.append(("gap", ""))
        for j, piece in enumerate(_MACRO.split(word)):
            if piece and atoms and atoms[-1][0] != "gap" and not latin:
                atoms.append(("gap", ""))
            if piece:
                atoms.extend([("macro", piece)] if j % 2 else [("char", ch) for ch in piece.lower()])
    if context:
        atoms.append(("context", context))
    elif latin and not bare and _is_word_char(cue[-1]):
        atoms.append(("end", ""))
    return atoms


def _insert(root: _Node, atoms: list[_Atom]) -> _Node:
    """The node where ``atoms`` end, creating the path."""
    node = root
    for atom in atoms:
        node = node.children.setdefault(atom, _Node())
    return node


def _emit(node: _Node, macros: dict[str, str], latin: bool, top: bool = False) -> str:
    """Regex of a trie node: children (ordered for determinism, longest first), then the leaf."""
    alternatives = []
    for atom in sorted(node.children, key=lambda a: (_ATOM_ORDER[a[0]], a)):
        prefix = _atom_regex(atom, macros, latin)
        if top and latin and atom[0] == "char" and _is_word_char(atom[1]):
            prefix += r"(?<!\w.)"   # the cue starts a word
        elif top and latin and atom[0] == "macro":
            prefix = r"(?<!\w)" + prefix
        alternatives.append(prefix + _emit(node.children[atom], macros, latin))
    if node.end is not None:
        alternatives.append(f"(?P<c{node.end}>)" if node.end >= 0 else "")
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


def _atom_regex(atom: _Atom, macros: dict[str, str], latin: bool) -> str:
    kind, value = atom
    if kind == "char":
        return "['’]" if value == "'" else re.escape(value)
    if kind == "gap":
        return r"\s+" if latin else r"\s*"
    if kind == "macro":
        return macros[value]
    if kind == "context":
        context = _emit(_chain(_atoms(value, latin)), macros, latin)
        return f"(?=\\s{'+' if latin else '*'}{context})"
    return r"(?!\w)"


def _chain(atoms: list[_Atom]) -> _Node:
    """A one-branch trie (a context pattern) ending without a cue."""
    root = _Node()
    _insert(root, atoms).end = -1
    return root


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or ch == "}"


def _negator_regex(data: dict, latin: bool, name: str) -> re.Pattern[str]:
    negators = sorted(_strings(data, "negators", name), key=len, reverse=True)
    if latin:  # whole words; any "...n't" contraction negates too
        return re.compile("(?:" + "|".join(map(re.escape, negators)) + r"|\w+n't)", re.IGNORECASE)
    friends = sorted(_strings(data, "negator_false_friends", name), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, friends)) + ")|(?P<neg>"
                      + "|".join(map(re.escape, negators)) + ")")


_EN = _load_lexicon("cues_en.yml")
_ZH = _load_lexicon("cues_zh.yml")
