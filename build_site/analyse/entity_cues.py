"""The cue words of ``build_site/data/entity_cues.yml``, loaded once per extraction run.

The extractor never knows entity names in advance: it tells a name from an ordinary capitalised
word, and a company from a model, by the words around it. Those words are data, so a user can
extend them for a new domain or language without touching code. This module turns the lists
into frozen sets and precompiled regular expressions, built once and passed to every step.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping, Sequence

import yaml

DEFAULT_CUES = Path(__file__).resolve().parent.parent / "data" / "entity_cues.yml"

TYPES = ("organization", "product", "person", "benchmark", "method", "project", "institution", "other")
PLACE = "place"  # evidence only: a place is not an entity type, places are left out of the index
_KINDS = (*TYPES, PLACE)


@dataclass(frozen=True)
class CjkCues:
    """Chinese cue lists (see the ``cjk`` section of the data file)."""

    organization_suffixes: tuple[str, ...]
    institution_suffixes: tuple[str, ...]
    project_suffixes: tuple[str, ...]
    product_suffixes: tuple[str, ...]
    person_roles: tuple[str, ...]
    person_verbs: tuple[str, ...]
    organization_before: tuple[str, ...]
    subsidiary_markers: tuple[str, ...]
    short_name_markers: tuple[str, ...]
    boundary_chars: frozenset[str]
    clause_chars: frozenset[str]
    list_separators: tuple[str, ...]
    name_tags: frozenset[str]
    class_words: Mapping[str, tuple[str, ...]]

    def context_type(self, before: str, after: str) -> str | None:
        """The type a class word gives the name it touches: right after it ('…（MoE）架构'
        method, '通义千问系列' product), else right before it ('推理模型DeepSeek-R1' product)."""
        after = after.lstrip("）)”’」』 ")
        for kind, words in self.class_words.items():
            if any(after.startswith(word) for word in words):
                return kind
        for kind, words in self.class_words.items():
            if any(before.endswith(word) for word in words):
                return kind
        return None

    def suffix_type(self, name: str) -> str | None:
        """The type a Chinese name's ending implies ("…公司" organisation, "…规划" institution)."""
        for kind, suffixes in (("project", self.project_suffixes), ("institution", self.institution_suffixes),
                               ("organization", self.organization_suffixes), ("product", self.product_suffixes)):
            if any(name.endswith(suffix) and len(name) > len(suffix) for suffix in suffixes):
                return kind
        return None


@dataclass(frozen=True)
class Cues:
    """Every cue list and the regular expressions compiled from them."""

    stop_words: frozenset[str]
    title_words: frozenset[str]
    calendar_words: frozenset[str]
    adjectives: frozenset[str]
    generic_acronyms: frozenset[str]
    generic_numbered: frozenset[str]
    heading_phrases: frozenset[str]          # casefolded
    connectors: frozenset[str]
    joining_connectors: frozenset[str]
    particles: frozenset[str]
    stock_exchanges: frozenset[str]
    units: frozenset[str]
    name_words: Mapping[str, frozenset[str]]  # type -> casefolded words
    head_merge_designators: frozenset[str]
    class_nouns: Mapping[str, tuple[str, ...]]
    table_headers: Mapping[str, tuple[str, ...]]
    left_cue: re.Pattern[str]                # end of the text before a mention -> type group
    right_cue: re.Pattern[str]               # start of the text after a mention -> type group
    right_phrase: re.Pattern[str]            # the explicit phrases of right_cue only (", founded by")
    person_verb: re.Pattern[str]
    class_noun: re.Pattern[str]              # first class noun in a description -> type group
    lowercase_name: re.Pattern[str]          # drug-name stems
    stem_exceptions: frozenset[str]
    relation_phrases: Mapping[str, tuple[str, ...]]
    cjk: CjkCues
    # How a left cue can end and start (see _LeftScan); None when only a full search is safe.
    left_scan: "_LeftScan | None" = field(default=None, compare=False, repr=False)

    def left_match(self, before: str) -> re.Match[str] | None:
        """``left_cue.search(before)``, without trying the pattern at every offset: see _LeftScan."""
        if self.left_scan is None:
            return self.left_cue.search(before)
        return self.left_scan.search(self.left_cue, before)

    def is_generic_acronym(self, word: str) -> bool:
        """'AI', 'APIs', 'CEOs': everyday acronyms, alone never a name."""
        return word in self.generic_acronyms or (word.endswith("s") and word[:-1] in self.generic_acronyms)

    def never_alone(self, word: str) -> bool:
        """Words that are not a name on their own, whatever their position."""
        return (word in self.stop_words or word in self.title_words or word in self.calendar_words
                or word in self.adjectives or word in self.units or self.is_generic_acronym(word)
                or word in self.connectors)

    def header_type(self, header: str) -> str | None:
        """The entity type a table column holds, judged by its header ('Company / Project')."""
        words = re.findall(r"[\w\u4e00-\u9fff]+", header.casefold())
        for word in words:
            for kind, names in self.table_headers.items():
                if word in names or word.rstrip("s") in names:
                    return kind
        for kind, names in self.table_headers.items():  # Chinese headers have no spaces
            if any(name in header for name in names if not name.isascii()):
                return kind
        return None


_LOADED: dict[Path, tuple[tuple[int, int], Cues]] = {}
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_cues(path: Path = DEFAULT_CUES) -> Cues:
    """Read the cue file and compile it; raises ValueError naming the file on a bad entry.

    The compiled cues are kept for as long as the file is unchanged (same size and mtime), so a
    run pays for reading and compiling them once, and an edited file is read again.
    """
    resolved = Path(path).resolve()
    stat = resolved.stat()
    version = (stat.st_mtime_ns, stat.st_size)
    cached = _LOADED.get(resolved)
    if cached is not None and cached[0] == version:
        return cached[1]
    with resolved.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_YAML_LOADER)
    cues = _compile(data, path)
    _LOADED[resolved] = (version, cues)
    return cues


def _compile(data, path) -> Cues:
    _check_strings(data, path)
    class_nouns = {kind: tuple(words) for kind, words in data["class_nouns"].items()}
    return Cues(
        stop_words=frozenset(data["stop_words"]),
        title_words=frozenset(data["title_words"]),
        calendar_words=frozenset(data["months"]) | frozenset(data["weekdays"]),
        adjectives=frozenset(data["adjectives"]),
        generic_acronyms=frozenset(data["generic_acronyms"]),
        generic_numbered=frozenset(data["generic_numbered"]),
        heading_phrases=frozenset(p.casefold() for p in data["heading_phrases"]),
        connectors=frozenset(data["connectors"]),
        joining_connectors=frozenset(data["joining_connectors"]),
        particles=frozenset(data["particles"]),
        stock_exchanges=frozenset(data["stock_exchanges"]),
        units=frozenset(data["units"]),
        name_words=MappingProxyType({k: frozenset(w.casefold() for w in v) for k, v in data["name_words"].items()}),
        head_merge_designators=frozenset(w.casefold() for w in data["head_merge_designators"]),
        class_nouns=MappingProxyType(class_nouns),
        table_headers=MappingProxyType({k: tuple(w.casefold() for w in v) for k, v in data["table_headers"].items()}),
        left_cue=_left_cue(data["left_phrases"], class_nouns),
        right_cue=_right_cue(data["right_phrases"], class_nouns),
        right_phrase=re.compile(r"^[\"'”’)\]]*(?:" + _alternation(
            [p for phrases in data["right_phrases"].values() for p in phrases]) + ")", re.I),
        person_verb=re.compile(r"^\s+(?:(?:has|had|have)\s+)?(?:" + _alternation(data["person_verbs"]) + r")\b", re.I),
        class_noun=_class_noun(class_nouns),
        lowercase_name=_lowercase_name(data["lowercase_name_stems"]["product"]),
        stem_exceptions=frozenset(data["stem_exceptions"]),
        relation_phrases=MappingProxyType({k: tuple(v) for k, v in data["relations"].items()}),
        cjk=_cjk_cues(data["cjk"]),
        left_scan=_LeftScan.build(data["left_phrases"], class_nouns),
    )


def phrase_pattern(phrase: str) -> str:
    """A cue phrase as a regex: spaces match any whitespace, ' matches ’ too."""
    escaped = re.escape(phrase).replace(r"\ ", r"\s+").replace("'", "['’]")
    return escaped


def _alternation(phrases) -> str:
    """Longest phrases first, so 'co-founders' wins over 'founders'; a phrase that starts with a
    letter starts at a word boundary ('in' is not the end of 'Berlin')."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join((r"\b" if p[:1].isalnum() else "") + phrase_pattern(p) for p in ordered)


def _nouns(words) -> str:
    """Class nouns with an optional plural ending."""
    return r"\b(?:" + _alternation(words) + r")(?:s|es)?\b"


def _groups(alternatives: Mapping[str, str]) -> str:
    return "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in alternatives.items() if pattern)


def _left_cue(left_phrases, class_nouns) -> re.Pattern[str]:
    """Text ending right before a name: a typed phrase, 'NOUNs like/such as', or an apposition.

    The trailing part allows an opening quote or bracket and a determiner between the cue and
    the name ('competitors like xAI', "the consultancy Roland Berger", "benchmarks (MMLU"). A
    comma between noun and name ("the company's candidate, CagriSema, …") is an apposition only
    when another comma closes it; entity_types checks that ("With the Gemini family, DeepMind
    leverages" is not one).
    """
    listing = _LISTING
    alternatives = {}
    for kind in _KINDS:
        parts = [r"(?:" + _alternation(left_phrases[kind]) + r")"] if kind in left_phrases else []
        if kind in class_nouns and kind != "other":
            nouns = r"\b(?:" + _alternation(class_nouns[kind]) + r")"
            parts += [nouns + listing, nouns + r",?"]
        alternatives[kind] = "|".join(parts)
    return re.compile(r"(?:" + _groups(alternatives) + r")" + _LEFT_TAIL, re.I)


# The pieces of the left cue that are not data. _LeftScan relies on their shape: a class noun
# is followed by a plural ending and a bracket, or a listing word (_LISTING_ENDS are how those
# end), and the cue by openers and, at most, one determiner (_OPENERS, _DETERMINERS).
_LISTING = r"(?:(?:s|es)\s*\((?:\s*e\.g\.,?)?|(?:s|es)?\s*,?\s*(?:like|such\s+as|including|e\.g\.,?|namely))"
_LISTING_ENDS = ("like", "as", "including", "e.g.", "e.g.,", "namely")
_DETERMINERS = ("the", "its", "their", "a", "an")
_LEFT_TAIL = r"[\s\"'“‘(\[]*(?:(?:" + "|".join(_DETERMINERS) + r")\s+)?$"
_WHITESPACE = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
_OPENERS = _WHITESPACE + "\"'“‘(["
# Under re.IGNORECASE an ASCII letter also matches these four; str.lower() maps the rest.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


@dataclass(frozen=True)
class _LeftScan:
    """Finds what ``left_cue.search(before)`` finds, trying the pattern only where it can match.

    A left cue must end the text: a cue phrase or class noun (with its plural, comma or listing
    word), then openers (_OPENERS) and at most one determiner before the name. So a text whose
    end, openers and determiner set aside, does not end with one of the cues' last words
    (``endings``, compared case-folded) holds no match, and that settles nearly every mention.
    Otherwise the pattern is tried, leftmost first, only at word starts whose letter can begin
    a cue (``word_starts``) and at characters that begin a cue without a word boundary
    (``other_starts``): the first match there is the one ``search`` returns.
    """

    endings: tuple[str, ...]
    longest: int
    word_starts: frozenset[str]
    other_starts: frozenset[str]

    @classmethod
    def build(cls, left_phrases: Mapping[str, Sequence[str]], class_nouns: Mapping[str, Sequence[str]]
              ) -> "_LeftScan | None":
        phrases = [p for kind in _KINDS if kind in left_phrases for p in left_phrases[kind]]
        nouns = [n for kind in _KINDS if kind in class_nouns and kind != "other" for n in class_nouns[kind]]
        lasts = {p.split(" ")[-1] for p in phrases}
        for noun in nouns:
            last = noun.split(" ")[-1]
            lasts |= {last, last + ",", last + "s", last + "es"}
        lasts |= set(_LISTING_ENDS)
        endings = set()
        for last in lasts:
            for spelling in {last, last.replace("'", "’")}:  # phrase_pattern: ' matches ’ too
                ending = spelling.rstrip(_OPENERS).translate(_FOLD).lower()
                if not ending:
                    return None
                endings.add(ending)
        firsts = {w[0] for w in (*phrases, *nouns) if w}
        if not all(w.isascii() for w in (*endings, *firsts, *_DETERMINERS)) or "'" in firsts:
            return None  # case folding beyond ASCII: not worth reasoning about
        return cls(endings=tuple(sorted(endings)), longest=max(map(len, endings)),
                   word_starts=frozenset(f.lower() for f in firsts if f.isalnum()),
                   other_starts=frozenset(f for f in firsts if not f.isalnum()))

    def search(self, pattern: re.Pattern[str], before: str) -> re.Match[str] | None:
        if not self._may_end_with_cue(before):
            return None
        word_starts, other_starts = self.word_starts, self.other_starts
        folded = before.translate(_FOLD).lower()
        previous_is_word = False
        for position, char in enumerate(before):
            is_word = char.isalnum() or char == "_"
            if (is_word and not previous_is_word and folded[position] in word_starts) or char in other_starts:
                match = pattern.match(before, position)
                if match is not None:
                    return match
            previous_is_word = is_word
        return None

    def _may_end_with_cue(self, before: str) -> bool:
        if self._ends_with_cue(before.rstrip(_OPENERS)):
            return True
        stripped = before.rstrip()
        if len(stripped) == len(before):
            return False
        tail = stripped[-5:].translate(_FOLD).lower()
        for determiner in _DETERMINERS:
            if tail.endswith(determiner):
                return self._ends_with_cue(stripped[:-len(determiner)].rstrip(_OPENERS))
        return False

    def _ends_with_cue(self, text: str) -> bool:
        return text[-self.longest:].translate(_FOLD).lower().endswith(self.endings)


def _right_cue(right_phrases, class_nouns) -> re.Pattern[str]:
    """Text starting right after a name: a typed phrase or a class noun ('Claude family').

    A role noun right after a name makes the name an organisation ("BYD chairman", "AMD's
    CEO"), so person nouns vote for the organisation here. A possessive followed by anything
    else says little ("GPT-2's release" vs "OpenAI's models"): relations judge those.
    """
    nouns = {kind: class_nouns[kind] for kind in TYPES if kind != "person"}
    alternatives = {}
    for kind in _KINDS:
        parts = [r"(?:" + _alternation(right_phrases[kind]) + r")"] if kind in right_phrases else []
        if kind in nouns:
            parts.append(r"\s+" + _nouns(nouns[kind]))
        if kind == "organization":
            parts.append(r"(?:['’]s)?\s+" + _nouns(class_nouns["person"]))
        alternatives[kind] = "|".join(parts)
    return re.compile(r"^[\"'”’)\]]*(?:" + _groups(alternatives) + r")", re.I)


def _class_noun(class_nouns) -> re.Pattern[str]:
    """The first class noun of a description ('an open-source repository' -> project)."""
    return re.compile(_groups({kind: _nouns(words) for kind, words in class_nouns.items()}), re.I)


def _lowercase_name(stems) -> re.Pattern[str]:
    endings = "|".join(sorted(stems, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])[A-Za-z][a-z]{{2,}}(?:{endings})(?![\w-])")


def _cjk_cues(data) -> CjkCues:
    return CjkCues(
        organization_suffixes=tuple(data["organization_suffixes"]),
        institution_suffixes=tuple(data["institution_suffixes"]),
        project_suffixes=tuple(data["project_suffixes"]),
        product_suffixes=tuple(data["product_suffixes"]),
        person_roles=tuple(sorted(data["person_roles"], key=len, reverse=True)),
        person_verbs=tuple(data["person_verbs"]),
        organization_before=tuple(sorted(data["organization_before"], key=len, reverse=True)),
        subsidiary_markers=tuple(data["subsidiary_markers"]),
        short_name_markers=tuple(data["short_name_markers"]),
        boundary_chars=frozenset(data["boundary_chars"]),
        clause_chars=frozenset(data["clause_chars"]),
        list_separators=tuple(data["list_separators"]),
        name_tags=frozenset(data["name_tags"]),
        class_words=MappingProxyType({k: tuple(v) for k, v in data["class_words"].items()}),
    )


def _check_strings(data, path) -> None:
    """Every leaf must be a string: YAML reads a bare 'No' or 'On' as a boolean."""
    def walk(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{where}.{key}" if where else str(key))
        elif isinstance(node, list):
            for value in node:
                walk(value, where)
        elif not isinstance(node, str):
            raise ValueError(f"{Path(path).name}: {where}: entry {node!r} must be a string (quote it)")
    walk(data, "")
