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
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Mapping, Sequence

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
    introducers: frozenset[str]              # casefolded, without the final '.'
    adjectives: frozenset[str]
    generic_acronyms: frozenset[str]
    generic_numbered: frozenset[str]
    heading_phrases: frozenset[str]          # casefolded
    connectors: frozenset[str]
    joining_connectors: frozenset[str]
    head_connectors: frozenset[str]
    binding_connectors: frozenset[str]
    particles: frozenset[str]
    stock_exchanges: frozenset[str]
    units: frozenset[str]
    name_words: Mapping[str, frozenset[str]]  # type -> casefolded words
    head_merge_designators: frozenset[str]
    business_words: frozenset[str]           # casefolded
    product_programme_nouns: frozenset[str]  # casefolded
    class_nouns: Mapping[str, tuple[str, ...]]
    table_headers: Mapping[str, tuple[str, ...]]
    left_phrases: Mapping[str, tuple[str, ...]]  # the data behind left_cue (compiled when first used)
    right_cue: re.Pattern[str]               # start of the text after a mention -> type group
    right_phrase: re.Pattern[str]            # the explicit phrases of right_cue only (", founded by")
    person_verb: re.Pattern[str]
    role_appositive: re.Pattern[str]         # ", policy director at" after a person's name
    class_noun: re.Pattern[str]              # first class noun in a description -> type group
    lowercase_name: re.Pattern[str]          # drug-name stems
    stems: tuple[str, ...]                   # the stems themselves: a lowercase name ends with one
    stem_exceptions: frozenset[str]
    relation_phrases: Mapping[str, tuple[str, ...]]
    cjk: CjkCues
    # How a left cue can end and start (see _LeftScan); None when only a full search is safe.
    left_scan: _LeftScan | None = field(default=None, compare=False, repr=False)
    # What the first words after a name must be for a right cue to match (see _RightScan).
    right_scan: _RightScan | None = field(default=None, compare=False, repr=False)
    # Results that depend only on a string and these cues, kept per kind (see ``memo``).
    _memos: dict[str, dict] = field(default_factory=dict, compare=False, repr=False)

    def right_match(self, after: str) -> re.Match[str] | None:
        """``right_cue.match(after)``, skipped when the first words of ``after`` rule it out."""
        if self.right_scan is not None and not self.right_scan.may_match(after):
            return None
        return self.right_cue.match(after)

    def memo(self, kind: str) -> dict:
        """A dictionary for remembering results computed from these cues and a string alone
        (the same names recur all over a corpus); emptied when it grows very large."""
        table = self._memos.get(kind)
        if table is None or len(table) > 500_000:
            table = self._memos[kind] = {}
        return table

    @cached_property
    def designators(self) -> frozenset[str]:
        """Institution and organisation name words together (casefolded)."""
        return self.name_words["institution"] | self.name_words["organization"]

    @cached_property
    def tail_name_words(self) -> frozenset[str]:
        """Benchmark and product name words, which a lowercase hyphenated tail may be ('SWE-bench')."""
        return self.name_words["benchmark"] | self.name_words["product"]

    @cached_property
    def head_words(self) -> frozenset[str]:
        """Words a name's head can end with before "of"/"for" ('Bank of', 'Institute for'):
        institution and organisation words, except 'ai' (casefolded)."""
        return self.designators - {"ai"}

    @cached_property
    def organisation_words(self) -> frozenset[str]:
        """Organisation name words except 'ai', which alone does not make a name an organisation's."""
        return self.name_words["organization"] - {"ai"}

    @cached_property
    def left_cue(self) -> re.Pattern[str]:
        """End of the text before a mention -> type group (see _left_cue; built on first use,
        since ``left_match`` seldom needs it whole)."""
        return _left_cue(self.left_phrases, self.class_nouns)

    def left_match(self, before: str) -> re.Match[str] | None:
        """``left_cue.search(before)``, without trying the pattern at every offset: see _LeftScan."""
        if self.left_scan is None:
            return self.left_cue.search(before)
        return self.left_scan.search(before)

    def is_generic_acronym(self, word: str) -> bool:
        """'AI', 'APIs', 'CEOs': everyday acronyms, alone never a name."""
        return word in self.generic_acronyms or (word.endswith("s") and word[:-1] in self.generic_acronyms)

    def never_alone(self, word: str) -> bool:
        """Words that are not a name on their own, whatever their position."""
        return word in self._never_alone or (word.endswith("s") and word[:-1] in self.generic_acronyms)

    @cached_property
    def _never_alone(self) -> frozenset[str]:
        """The lists ``never_alone`` consults, as one set (a plural generic acronym aside)."""
        return (self.stop_words | self.title_words | self.calendar_words | self.adjectives | self.units
                | self.generic_acronyms | self.connectors)

    def header_type(self, header: str) -> str | None:
        """The entity type a table column holds, judged by its header ('Company / Project')."""
        known = self.memo("header-type")
        if header not in known:
            known[header] = self._header_type(header)
        return known[header]

    def _header_type(self, header: str) -> str | None:
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
        introducers=frozenset(w.casefold() for w in data["introducers"]),
        adjectives=frozenset(data["adjectives"]),
        generic_acronyms=frozenset(data["generic_acronyms"]),
        generic_numbered=frozenset(data["generic_numbered"]),
        heading_phrases=frozenset(p.casefold() for p in data["heading_phrases"]),
        connectors=frozenset(data["connectors"]),
        joining_connectors=frozenset(data["joining_connectors"]),
        head_connectors=frozenset(data["head_connectors"]),
        binding_connectors=frozenset(data["binding_connectors"]),
        particles=frozenset(data["particles"]),
        stock_exchanges=frozenset(data["stock_exchanges"]),
        units=frozenset(data["units"]),
        name_words=MappingProxyType({k: frozenset(w.casefold() for w in v) for k, v in data["name_words"].items()}),
        head_merge_designators=frozenset(w.casefold() for w in data["head_merge_designators"]),
        business_words=frozenset(w.casefold() for w in data["business_words"]),
        product_programme_nouns=frozenset(w.casefold() for w in data["product_programme_nouns"]),
        class_nouns=MappingProxyType(class_nouns),
        table_headers=MappingProxyType({k: tuple(w.casefold() for w in v) for k, v in data["table_headers"].items()}),
        left_phrases=MappingProxyType({k: tuple(v) for k, v in data["left_phrases"].items()}),
        right_cue=_right_cue(data["right_phrases"], class_nouns),
        right_phrase=re.compile(r"^[\"'”’)\]]*(?:" + _alternation(
            [p for phrases in data["right_phrases"].values() for p in phrases], whole=True) + ")", re.I),
        person_verb=re.compile(r"^\s+(?:(?:has|had|have)\s+)?(?:" + _alternation(data["person_verbs"]) + r")\b", re.I),
        role_appositive=re.compile(r"^,\s+(?:[\w&-]+\s+){0,3}?(?:" + _alternation(
            [*class_nouns["person"], *data["appositive_roles"]]) + r")\s+(?:at|of|for|with)\b", re.I),
        class_noun=_class_noun(class_nouns),
        lowercase_name=_lowercase_name(data["lowercase_name_stems"]["product"]),
        stems=tuple(data["lowercase_name_stems"]["product"]),
        stem_exceptions=frozenset(data["stem_exceptions"]),
        relation_phrases=MappingProxyType({k: tuple(v) for k, v in data["relations"].items()}),
        cjk=_cjk_cues(data["cjk"]),
        left_scan=_LeftScan.build(data["left_phrases"], class_nouns),
        right_scan=_RightScan.build(data["right_phrases"], class_nouns),
    )


def fold(text: str) -> str:
    """``text`` lowercased so that an ASCII letter in it equals a letter of a pattern exactly when
    re.IGNORECASE would match them (it also matches 'İ', 'ı', 'ſ' and the Kelvin sign)."""
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


def required_pieces(phrases) -> tuple[str, ...] | None:
    """For each cue phrase, a piece any match of ``phrase_pattern(phrase)`` under re.IGNORECASE
    contains (its longest run without a space or an apostrophe), folded: a text whose ``fold``
    holds none of them matches no phrase. None when a phrase is not plain ASCII."""
    pieces = set()
    for phrase in phrases:
        piece = max(re.split(r"[ ']", phrase), key=len)
        if not piece or not phrase.isascii():
            return None
        pieces.add(piece.lower())
    return tuple(sorted(pieces))


def phrase_pattern(phrase: str) -> str:
    """A cue phrase as a regex: spaces match any whitespace, ' matches ’ too."""
    escaped = re.escape(phrase).replace(r"\ ", r"\s+").replace("'", "['’]")
    return escaped


def _alternation(phrases, whole: bool = False) -> str:
    """Longest phrases first, so 'co-founders' wins over 'founders'; a phrase that starts with a
    letter starts at a word boundary ('in' is not the end of 'Berlin'). ``whole``: one that ends
    with a letter also ends at one (" score" is not the start of " scored")."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join((r"\b" if p[:1].isalnum() else "") + phrase_pattern(p)
                    + (r"(?!\w)" if whole and _is_word(p[-1:]) else "") for p in ordered)


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
# is followed by a plural ending and a bracket, or a listing word (like, such as, including,
# e.g., namely), and the cue by openers and, at most, one determiner (_OPENERS, _DETERMINERS).
_LISTING = r"(?:(?:s|es)\s*\((?:\s*e\.g\.,?)?|(?:s|es)?\s*,?\s*(?:like|such\s+as|including|e\.g\.,?|namely))"
_DETERMINERS = ("the", "its", "their", "a", "an")
_LEFT_TAIL = r"[\s\"'“‘(\[]*(?:(?:" + "|".join(_DETERMINERS) + r")\s+)?$"
_WHITESPACE = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
_OPENERS = _WHITESPACE + "\"'“‘(["
# Under re.IGNORECASE an ASCII letter also matches these four; str.lower() maps the rest.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


class _LeftScan:
    """Finds what ``left_cue.search(before)`` finds, trying the pattern only where it can match.

    A left cue ends the text: a cue phrase or class noun (with a plural ending, a comma or a
    listing word), then openers (_OPENERS) and at most one determiner before the name. So a text
    that, its openers and determiner set aside, does not end the way some cue ends holds no
    match, and that settles nearly every mention. The check is case-folded and word by word:
    a cue of several words must end the text with its last word exactly and the word before
    it (``pairs``); a one-word cue, a class noun or a listing word must end it, starting at a
    word boundary where the pattern has one (``single``) or anywhere (``loose``). Otherwise the
    pattern is tried leftmost first, only where a cue can begin: at a word start whose word
    begins with the first word of some cue, or at a character that begins a cue without a word
    boundary. The first match there is the one ``search`` returns.
    """

    def __init__(self, single: set[str], loose: set[str], pairs: Mapping[str, tuple[tuple[str, str], ...]],
                 first_chars: Mapping[str, str], first_words: set[str], build: Callable[[], re.Pattern[str]]):
        self.single = frozenset(single)
        self.single_firsts = frozenset(e[0] for e in single)
        self.loose = tuple(sorted(loose))
        self.pairs = dict(pairs)
        starts = "".join(re.escape(c) for c, kind in sorted(first_chars.items()) if kind == "word")
        others = "".join(re.escape(c) for c, kind in sorted(first_chars.items()) if kind == "other")
        self.starts = re.compile("|".join(([f"(?<!\\w)[{starts}]"] if starts else []) + ([f"[{others}]"] if others else []))
                                 or "(?!)", re.I)
        lengths: dict[int, set[str]] = {}
        for word in first_words:
            lengths.setdefault(len(word), set()).add(word)
        self.first_words = tuple((length, frozenset(words)) for length, words in sorted(lengths.items()))
        self._build = build
        self._pattern: re.Pattern[str] | None = None

    @classmethod
    def build(cls, left_phrases: Mapping[str, Sequence[str]], class_nouns: Mapping[str, Sequence[str]]
              ) -> "_LeftScan | None":
        phrases = [p for kind in _KINDS if kind in left_phrases for p in left_phrases[kind]]
        nouns = [n for kind in _KINDS if kind in class_nouns and kind != "other" for n in class_nouns[kind]]
        for word in (w for text in (*phrases, *nouns) for w in text.split(" ")):
            if not word or not word.isascii() or word.count("'") > 1 or word.rstrip(_OPENERS) != word:
                return None  # not worth reasoning about: use the plain search
        single: set[str] = set()
        loose: set[str] = {"like", "including", "namely", "e.g.", "e.g.,"}   # the listing words of _LISTING
        pairs: dict[str, set[tuple[str, str]]] = {"as": {("such", "suffix")}}    # 'such\s+as', after \s* or ','
        for phrase in phrases:                      # _alternation puts \b before a phrase starting with a letter
            words = phrase.split(" ")
            bounded = phrase[0].isalnum()
            if len(words) == 1:
                (single if bounded else loose).add(phrase)
            else:                                   # words after the first follow \s+
                mode = "exact" if len(words) > 2 else "bounded" if bounded else "suffix"
                pairs.setdefault(words[-1], set()).add((words[-2], mode))
        for noun in nouns:                          # after the \b of _nouns or \s+; a plural, a comma may follow
            last = noun.split(" ")[-1]
            (single if _is_word(last[0]) and _is_word(noun[0]) else loose).update(
                {last, last + ",", last + "s", last + "es"})
        if any(w[0] in _OPENERS or not _is_word(w[0]) for w in single):
            return None
        fold = (lambda w: {w.lower(), w.replace("'", "’").lower()})  # phrase_pattern: ' matches ’ too
        first_chars: dict[str, str] = {}
        for text in (*phrases, *nouns):
            first = text[0].lower()
            kind = "word" if text[0].isalnum() and _is_word(text[0]) else "other"
            first_chars[first] = kind if first_chars.get(first, kind) == kind else "other"
        if any(kind == "other" and _is_word(char) for char, kind in first_chars.items()):
            return None
        # The first word of each phrase and noun (up to a non-word character): a match at a word
        # start begins with one of them, and the text's word there begins with it (a cue's word
        # may run on into a determiner or a listing word: "companylike", "launchedthe").
        first_words = {_RUN.match(text).group().lower() for text in (*phrases, *nouns) if _is_word(text[0])}

        folded_pairs: dict[str, set[tuple[str, str]]] = {}
        for key, options in pairs.items():
            for last in fold(key):  # two spellings may fold alike: keep the options of both
                folded_pairs.setdefault(last, set()).update((before, mode) for word, mode in options
                                                            for before in fold(word))

        def build() -> re.Pattern[str]:
            return _left_cue(left_phrases, class_nouns)  # the same pattern string: re's cache shares it
        return cls({f for w in single for f in fold(w)}, {f for w in loose for f in fold(w)},
                   {last: tuple(sorted(options)) for last, options in folded_pairs.items()},
                   first_chars, first_words, build)

    def search(self, before: str) -> re.Match[str] | None:
        if not self._may_end_with_cue(before):
            return None
        folded = before.lower() if before.isascii() else before.translate(_FOLD).lower()  # same length
        for start in self.starts.finditer(before):
            position = start.start()
            first = folded[position]
            if _is_word(first) and not self._may_start_cue(_RUN.match(folded, position).group()):
                continue
            if self._pattern is None:
                self._pattern = self._build()
            match = self._pattern.match(before, position)
            if match is not None:
                return match
        return None

    def _may_start_cue(self, word: str) -> bool:
        for length, words in self.first_words:
            if length > len(word):
                return False
            if word[:length] in words:
                return True
        return False

    def _may_end_with_cue(self, before: str) -> bool:
        folded = before.lower() if before.isascii() else before.translate(_FOLD).lower()  # same length
        if self._ends_with_cue(folded.rstrip(_OPENERS)):
            return True
        stripped = folded.rstrip()
        if len(stripped) == len(folded):
            return False
        for determiner in _DETERMINERS:
            if stripped.endswith(determiner):
                return self._ends_with_cue(stripped[:-len(determiner)].rstrip(_OPENERS))
        return False

    def _ends_with_cue(self, folded: str) -> bool:
        """Whether a case-folded text ends the way some cue does."""
        if folded.endswith(self.loose):
            return True
        tokens = folded.rsplit(None, 2)
        if not tokens:
            return False
        last = tokens[-1]
        single = self.single
        if last in single:
            return True
        if not last.isalnum():  # a single cue may also start after punctuation inside the word: '(launched'
            firsts = self.single_firsts
            for i in range(1, len(last)):
                if last[i] in firsts and not _is_word(last[i - 1]) and last[i:] in single:
                    return True
        options = self.pairs.get(last)
        if options and len(tokens) > 1:
            previous = tokens[-2]
            for word, mode in options:
                if mode == "exact":
                    if previous == word:
                        return True
                elif previous.endswith(word) and (mode == "suffix" or len(previous) == len(word)
                                                  or not _is_word(previous[-len(word) - 1])):
                    return True
        return False


class _RightScan:
    """Whether ``right_cue`` can match at the start of a text, judged by its first two words.

    Every alternative of the right cue holds words (runs of ``\\w``): a phrase its own, a class
    noun its words, a plural ending and a word boundary after the last, a possessive the 's'
    of "'s". What a match starts with, the text starts with: its first word equals the
    alternative's first word (or, when that is the last word of a phrase, which has no word
    boundary after it, begins with it), and so on for the second. A text whose first two
    words (case-folded) fit no alternative cannot match, and most names are followed by such
    words ("said", "is a", "'s new").
    """

    def __init__(self, first_exact: set[str], first_prefix: set[str],
                 second: Mapping[str, tuple[set[str], set[str]]]):
        self.first_exact = frozenset(first_exact)
        self.first_prefix = tuple(sorted(first_prefix))
        self.second = {word: (frozenset(exact), tuple(sorted(prefix))) for word, (exact, prefix) in second.items()}

    @classmethod
    def build(cls, right_phrases: Mapping[str, Sequence[str]], class_nouns: Mapping[str, Sequence[str]]
              ) -> "_RightScan | None":
        forms: list[tuple[list[str], bool]] = []          # (the words, whether the last may run on)
        for kind in _KINDS:
            for phrase in right_phrases.get(kind, ()):
                forms.append((_RUN.findall(phrase), True))
        plural = [kind for kind in TYPES if kind != "person"] + ["person"]  # as _right_cue uses them
        for kind in plural:
            for noun in class_nouns.get(kind, ()):
                words = _RUN.findall(noun)
                for ending in ("", "s", "es"):
                    forms.append(([*words[:-1], words[-1] + ending] if words else [], False))
                    if kind == "person":                  # "(?:['’]s)?\s+" before a person noun
                        forms.append((["s", *words[:-1], words[-1] + ending] if words else [], False))
        first_exact, first_prefix = set(), set()
        second: dict[str, tuple[set[str], set[str]]] = {}
        for words, runs_on in forms:
            if not words or not all(w.isascii() for w in words):
                return None
            words = [w.lower() for w in words]
            if len(words) == 1:
                (first_prefix if runs_on else first_exact).add(words[0])
            else:
                exact, prefix = second.setdefault(words[0], (set(), set()))
                (prefix if runs_on and len(words) == 2 else exact).add(words[1])
        return cls(first_exact, first_prefix, second)

    def may_match(self, after: str) -> bool:
        words = _FIRST_RUNS.match(after)
        first = fold(words.group(1))
        if first in self.first_exact or first.startswith(self.first_prefix):
            return True
        options = self.second.get(first)
        if options is None:
            return False
        following = fold(words.group(2))
        return following in options[0] or following.startswith(options[1])


_RUN = re.compile(r"\w+")
_FIRST_RUNS = re.compile(r"\W*(\w*)\W*(\w*)")


def _is_word(char: str) -> bool:
    """A character of ``\\w`` in a str pattern."""
    return char.isalnum() or char == "_"


def _right_cue(right_phrases, class_nouns) -> re.Pattern[str]:
    """Text starting right after a name: a typed phrase or a class noun ('Claude family').

    A role noun right after a name makes the name an organisation ("BYD chairman", "AMD's
    CEO"), so person nouns vote for the organisation here. A possessive followed by anything
    else says little ("GPT-2's release" vs "OpenAI's models"): relations judge those.
    """
    nouns = {kind: class_nouns[kind] for kind in TYPES if kind != "person"}
    alternatives = {}
    for kind in _KINDS:
        parts = [r"(?:" + _alternation(right_phrases[kind], whole=True) + r")"] if kind in right_phrases else []
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
