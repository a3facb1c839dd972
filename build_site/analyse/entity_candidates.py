"""Step 1: candidate names in each passage, found by shape alone in one pass of fixed regexes.

Nothing here knows any entity: a candidate is a capitalised phrase (``Google DeepMind``,
``Claude 3 Opus``, ``xAI``, ``GPT-4o``, ``MMLU``), a quoted code name (``'Strawberry'``,
``『Mythos』``), an ``owner/name`` repository, a drug name with an INN stem, the cell of a table
column such as "Company", or either side of an acronym definition
(``Massive Multitask Language Understanding (MMLU)``, see ``entity_acronyms``). Whether a
candidate is really a name is decided later, with the whole corpus in view (``entity_filter``).
Chinese candidates come from ``entity_cjk``.
"""
from __future__ import annotations

import re
from typing import NamedTuple, Sequence

from build_site.analyse.entity_acronyms import AliasLink, acronym_definitions, bracket_links, ticker_brackets
from build_site.analyse.entity_cues import Cues
from build_site.analyse.entity_text import ALNUM, UPPER, YEAR, Layout, contains_any, has_cjk, is_number
from build_site.model import Passage


class Candidate(NamedTuple):
    """One occurrence of a possible name. ``hint`` is a type implied by how it was found.
    (A named tuple: a corpus has tens of thousands, and a tuple is the cheapest value to make.)"""

    surface: str
    passage: int
    start: int
    end: int
    origin: str                 # phrase, lead, quoted, repo, definition, cell, stem, cjk, cjk-tag
    initial: bool = False       # at a sentence start, where a capital proves nothing
    title: bool = False         # in a heading, table row or Title-Cased lead-in
    hint: str | None = None


_CAP = f"[{UPPER}][{ALNUM}]*(?:['’][{UPPER}][{ALNUM}]*)?(?:[-.&][{ALNUM}]+)*(?:\\+\\+|\\+)?"
# Possessive: the lowercase run must be whole before the capital (no capital is in [a-z]), so
# giving letters back can never help, and on every ordinary lowercase word it is not tried.
_CAMEL = f"[a-z]++[{UPPER}][{ALNUM}]*(?:[-.][{ALNUM}]+)*"
_DIGIT_LED = f"\\d+[{UPPER}]+\\d*(?:-[{ALNUM}]+)*"
# 'Jerome H. Powell'; never right after a number, where a letter ends a product name and its
# full stop a sentence ('… the Atlas-5 X. Analysts expect …').
_INITIAL = f"(?<![0-9][ \u00a0])[{UPPER}]\\.(?=[ \u00a0][{UPPER}][a-z])"
_ABBREVIATED = f"(?:Bros|Co|Corp|Inc|Ltd|Jr|Sr|St|Mt)\\.(?=[ \u00a0][{UPPER}])"  # 'Warner Bros. Discovery'
# A model number before a word in capitals opens a name: '737 MAX 9', '911 GT3' (see _model_number).
_MODEL_LED = f"\\d{{3,4}}(?=[ \u00a0][A-Z]{{2,}}(?![{ALNUM}]))"
_TOKEN = f"(?:{_INITIAL}|{_ABBREVIATED}|{_CAP}|{_CAMEL}|{_DIGIT_LED}|{_MODEL_LED})"
_NUM = f"(?:\\d+(?:\\.\\d+)*[A-Za-z]{{0,2}}\\+?|v\\d[{ALNUM}.]*)"
_CONNECTOR = "(?:of|for|from|and|&|de|der|den|van|von|du|da|do|dos|das|di|des|la|le|del|y|bin|al|ter)"
_PHRASE = re.compile(
    f"(?<![{ALNUM}$€£¥])(?<!\\d[.,]){_TOKEN}"
    f"(?:[ \u00a0](?:{_CONNECTOR}[ \u00a0]){{0,2}}{_TOKEN}|[ \u00a0]{_NUM}(?![{ALNUM}]))*(?![{ALNUM}])"
)
_PIECE_TOKEN = re.compile(r"\S+")
_DATE_TOKEN = re.compile(r"^(?:Q[1-4]|H[12]|FY\d{2,4}|CY\d{2,4}|\d+[KMBT])$")
_QUOTED = re.compile(
    f"(?<![{ALNUM}])(?:'([^'\\n]{{1,40}}?)'|‘([^’\\n]{{1,40}}?)’"
    f"|\"([^\"\\n]{{1,40}}?)\"|“([^”\\n]{{1,40}}?)”"
    f"|『([^』\\n]{{1,40}}?)』|「([^」\\n]{{1,40}}?)」|《([^》\\n]{{1,40}}?)》)(?![{ALNUM}])"
)
_REPO = re.compile(
    r"`([A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*)`"
    r"|github\.com/([A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*)"
    r"|(?<![\w/.-])([A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*)(?=[ \u00a0](?:repository|repo)\b)"
    r"|(?<![\w/.-])([a-z0-9][a-z0-9_.-]*/[a-z0-9][a-z0-9_.-]*)(?![\w/-])"
)
_LOWER_WORD = re.compile(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])")
_LETTERS_ONLY = bytes(c if chr(c).isascii() and chr(c).isalpha() else 32 for c in range(256))
_CELL_MAIN = re.compile(r"([^(（]+?)\s*(?:[(（]([^)）]+)[)）])?\s*")
_LEAD = re.compile(r"\s*(?:\d{1,2}[.)]\s+|[-*•]\s+)?([^:：()（]{1,60}?)\s*(?:[(（][^)）]*[)）])?\s*[:：]\s")
_TRAILING_PUNCT = ".,;:!?…"
_QUOTE_CHARS = "'‘\"“『「《"  # every form _QUOTED matches opens with one of these


def latin_candidates(index: int, passage: Passage, layout: Layout, cues: Cues, stems: Sequence[str] | None = None
                     ) -> tuple[list[Candidate], list[AliasLink]]:
    """Every Latin-script candidate of one passage and the aliases its parentheses declare.
    ``stems``: the drug-name stems worth looking for (``corpus_stems``; all of them if None)."""
    text = passage.text
    pieces = _phrase_pieces(index, text, layout, cues)
    if "(" in text:  # every bracket rule needs one
        defined, links = acronym_definitions(text, layout, cues)
        definitions = [Candidate(surface, index, start, start + len(surface), "definition", hint=hint)
                       for surface, start, hint in defined]
        blocked = [(c.start, c.end) for c in definitions if " " in c.surface or "-" in c.surface]
        blocked += ticker_brackets(text, cues)
        if blocked:
            pieces = [p for p in pieces if not _inside(p, blocked)]
        links += bracket_links(text, {piece.end: piece.surface for piece in pieces}, cues)
    else:
        definitions, links = [], []
    candidates = [*definitions, *pieces]
    if passage.kind == "list_item":
        candidates += _list_lead(passage, pieces)
    if contains_any(text, _QUOTE_CHARS):
        candidates += _quoted(index, text, layout, cues)
    if "/" in text:  # each form of a repository holds one
        candidates += _repositories(index, text)
    if passage.cell_spans:
        candidates += _cells(index, passage, cues)
    candidates += _stems(index, text, cues, cues.stems if stems is None else stems)
    return candidates, links


def vocabulary(text: str) -> set[str]:
    """The lowercase words of a text: a capitalised word also seen in lowercase is a common word."""
    return set(_LOWER_WORD.findall(text))


def _phrase_pieces(index: int, text: str, layout: Layout, cues: Cues) -> list[Candidate]:
    pieces: list[Candidate] = []
    append, make = pieces.append, tuple.__new__  # make(Candidate, fields) is Candidate(*fields), faster
    starts = layout.starts
    in_title = layout.in_title if layout.title_spans else None
    names = cues.memo("phrase-names")
    for match in _PHRASE.finditer(text):
        phrase = match.group()
        found = names.get(phrase)
        if found is None:
            found = names[phrase] = _names_in(phrase, cues)
        offset = match.start()
        for first, last, hint, surface in found:
            start = offset + first
            append(make(Candidate, (surface, index, start, offset + last, "phrase", start in starts,
                                    in_title is not None and in_title(start), hint)))
    return pieces


def _names_in(phrase: str, cues: Cues) -> tuple[tuple[int, int, str | None, str], ...]:
    """(start, end, hint, surface) of the names ``normalise_tokens`` finds in a phrase, by offset
    into it: the same phrase always gives the same names, so each distinct phrase is read once."""
    tokens = [(m.start(), m.end(), m.group()) for m in _PIECE_TOKEN.finditer(phrase)]
    return tuple((group[0][0], group[-1][1], hint, phrase[group[0][0]:group[-1][1]])
                 for group, hint in normalise_tokens(tokens, cues))


def normalise_tokens(tokens: list[tuple[int, int, str]], cues: Cues) -> list[tuple[list, str | None]]:
    """Split a run of capitalised tokens into names; strip words that cannot start or end one.

    'Co-founders Dario Amodei' -> 'Co', 'Dario Amodei'; 'In February 2019' -> nothing;
    'Data from EleutherAI' -> 'Data', 'EleutherAI'; 'CEO Pat Gelsinger' -> 'Pat Gelsinger' with a
    person hint. "and"/"of" stay inside names that carry an institution or organisation word.
    """
    groups, current = [], []
    for position, (start, end, token) in enumerate(tokens):
        reduced = _drop_lowercase_tail(token, cues)
        if YEAR.match(token):
            groups.append(current)
            current = []
            continue
        if current and current[-1][2].casefold() in cues.name_words["organization"] and _model_number(
                tokens, position, cues):
            groups.append(current)  # 'Alaska Airlines 737 MAX 9': the company, then its product
            current = []
        current.append((start, start + len(reduced), reduced))
        if reduced != token:
            groups.append(current)
            current = []
    groups.append(current)
    results = []
    for group in groups:
        for part in _split_connectors(group, cues):
            cleaned, hint = _strip_edges(part, cues)
            if cleaned and _is_name(cleaned, cues):
                results.append((cleaned, hint))
    return results


def _drop_lowercase_tail(token: str, cues: Cues) -> str:
    """'Mythos-ready' -> 'Mythos', 'Shenzhen-based' -> 'Shenzhen'; 'Mercedes-Benz' is kept, and
    so is a tail that is a name word ('SWE-bench', 'Lab-eval')."""
    parts = token.split("-")
    if len(parts) > 1 and all(part.isalpha() and part.islower() for part in parts[1:]):
        if parts[-1] in cues.tail_name_words:
            return token
        return parts[0]
    return token


def _split_connectors(group: list, cues: Cues) -> list[list]:
    """Keep particles and "&" inside any name ('Ursula von der Leyen', 'Pratt & Whitney');
    "of"/"for" right after an organisation or institution word, the head of the name ('Bank of
    America', 'Centers for Medicare'); "and" only inside an institution's name ('Food and Drug
    Administration').
    Every other connector separates two names: "Juniper from Halcyon Labs", "Critics of Acme
    Labs", "Isar Aerospace and The Exploration Company"."""
    institution = None  # whether the group has an institution word, worked out when first needed
    parts, current = [], []
    for position, item in enumerate(group):
        token = item[2]
        if token not in cues.connectors:
            current.append(item)
            continue
        following = group[position + 1][2] if position + 1 < len(group) else ""
        if token in cues.particles or token in cues.binding_connectors:
            joins = True
        elif token in cues.head_connectors:
            joins = bool(current) and current[-1][2].casefold() in cues.head_words
        elif token in cues.joining_connectors:
            if institution is None:
                institution = any(t.casefold() in cues.name_words["institution"] for _, _, t in group)
            joins = institution
        else:
            joins = False
        if joins and following not in cues.stop_words:
            current.append(item)
        else:
            parts.append(current)
            current = []
    parts.append(current)
    return [part for part in parts if part]


def _strip_edges(group: list, cues: Cues) -> tuple[list, str | None]:
    """Drop leading/trailing function words; a leading title ('Dr', 'CEO') hints a person."""
    hint = None
    while group and (group[0][2] in cues.stop_words or group[0][2] in cues.title_words
                     or group[0][2] in cues.calendar_words or group[0][2] in cues.connectors
                     or is_number(group[0][2]) and not _model_number(group, 0, cues)):
        if group[0][2] in cues.title_words and group[0][2] not in cues.stop_words:
            hint = "person"
        group = group[1:]
    if len(group) > 1 and cues.is_generic_acronym(group[0][2]) and not _designated(group, cues):
        group = group[1:]  # 'AI Linux distribution' -> 'Linux'; 'AI Office' keeps its designator
    if len(group) == 2 and group[0][2] in cues.adjectives and not _ends_designated(group, cues):
        group = group[1:]  # 'Russian Soyuz' -> 'Soyuz'; 'European Commission' stays whole
    while group and (group[-1][2] in cues.stop_words or group[-1][2] in cues.connectors
                     or group[-1][2] in cues.calendar_words):
        group = group[:-1]
    return group, hint


def _model_number(tokens: list, position: int, cues: Cues) -> bool:
    """A number of three or four digits, not a year nor a round hundred, right before a word in
    capitals that names nothing by itself: a model number leading a product's name ('737 MAX',
    '911 GT3'), where '500 MW' and '2024 AI' are a quantity and a year."""
    token = tokens[position][2]
    following = tokens[position + 1][2] if position + 1 < len(tokens) else ""
    return (token.isdigit() and 3 <= len(token) <= 4 and not YEAR.match(token) and not token.endswith("00")
            and re.fullmatch(r"[A-Z]{2,}", following) is not None and not cues.never_alone(following))


def _ends_designated(group: list, cues: Cues) -> bool:
    last = group[-1][2].casefold()
    return last in cues.name_words["institution"] or last in cues.name_words["organization"]


def _designated(group: list, cues: Cues) -> bool:
    """'US Department of Commerce', 'AI Safety Institute': an institution or organisation word."""
    words = {token.casefold() for _, _, token in group[1:]}
    return bool(words & cues.designators)


def _is_name(group: list, cues: Cues) -> bool:
    words = [token for _, _, token in group]
    if len(words) == 1:
        word = words[0]
        return (len(word) >= 2 and not cues.never_alone(word) and not _DATE_TOKEN.match(word)
                and word.casefold() not in cues.heading_phrases)
    if words[0] in cues.generic_numbered and all(is_number(w) for w in words[1:]):
        return False
    if " ".join(words).casefold() in cues.heading_phrases:
        return False
    return not all(cues.never_alone(w) or is_number(w) for w in words)


def _list_lead(passage: Passage, pieces: list[Candidate]) -> list[Candidate]:
    """'- Pfizer: The company …': a list item's lead names its subject when it is one name."""
    lead = _LEAD.match(passage.text) if passage.kind == "list_item" else None
    if lead is None:
        return []
    return [Candidate(p.surface, p.passage, p.start, p.end, "lead") for p in pieces
            if p.start == lead.start(1) and p.end == lead.end(1)]


def _inside(candidate: Candidate, spans: list[tuple[int, int]]) -> bool:
    return any(start <= candidate.start and candidate.end <= end for start, end in spans)


def _quoted(index: int, text: str, layout: Layout, cues: Cues) -> list[Candidate]:
    """Code names in quotes or brackets: 'Strawberry', “Arrakis”, 『Mythos』 (Latin content only)."""
    found = []
    for match in _QUOTED.finditer(text):
        group = next(i for i in range(1, 8) if match.group(i) is not None)
        content, start = match.group(group), match.start(group)
        content = content.rstrip(_TRAILING_PUNCT)
        words = content.split()
        if has_cjk(content) or not words or len(words) > 4 or not (content[0].isupper() or content[0].isdigit()):
            continue
        if not all(w[0].isupper() or w[0].isdigit() or w in cues.connectors for w in words):
            continue
        in_title = layout.in_title(start)
        if in_title and len(words) > 1:
            continue
        if _quoted_whole(words, cues):  # the quotes bound the name: 'Wing of Tomorrow'
            end = start + len(content)
            found.append(Candidate(content, index, start, end, "quoted", False, in_title))
            continue
        tokens = [(start + m.start(), start + m.end(), m.group()) for m in _PIECE_TOKEN.finditer(content)]
        for piece, hint in normalise_tokens(tokens, cues):
            first, last = piece[0][0], piece[-1][1]
            found.append(Candidate(text[first:last], index, first, last, "quoted", False, in_title, hint))
    return found


def _quoted_whole(words: list[str], cues: Cues) -> bool:
    """A quoted title of several words joined by "of"/"for" or particles is one name: the quotes,
    not a head word, hold it together ('Wing of Tomorrow', 'Project for Tomorrow')."""
    inner = words[1:-1]
    joined = cues.head_connectors | cues.particles | cues.binding_connectors
    return (len(words) > 2 and any(w in joined for w in inner)
            and all(w in joined or w[0].isupper() for w in words)
            and words[-1] not in joined and words[0] not in cues.stop_words)


def _repositories(index: int, text: str) -> list[Candidate]:
    """``owner/name`` repositories: in backticks, after github.com/, bare before the word
    "repository", or bare with a hyphen ('state-spaces/mamba'; not 'and/or')."""
    found = []
    for match in _REPO.finditer(text):
        group = next(i for i in range(1, 5) if match.group(i) is not None)
        name = match.group(group).rstrip(".")
        if group == 4 and not re.search(r"[-_]", name):
            continue
        start = match.start(group)
        found.append(Candidate(name, index, start, start + len(name), "repo", hint="project"))
    return found


def _cells(index: int, passage: Passage, cues: Cues) -> list[Candidate]:
    """Cells under a typed header ('Company', 'Model'); 'Anthropic (Mythos)' adds a product."""
    found = []
    for column, (start, end) in enumerate(passage.cell_spans):
        header = passage.header[column] if column < len(passage.header) else ""
        kind = cues.header_type(header) if passage.text[start:end] != header else None
        match = _CELL_MAIN.fullmatch(passage.text, start, end) if kind else None
        if match is None:
            continue
        main = match.group(1)
        if _looks_like_name(main, cues):
            found.append(Candidate(main, index, match.start(1), match.end(1), "cell", hint=kind))
        if match.group(2):
            inner_kind = "product" if kind in ("organization", "product") else kind
            for part in re.finditer(r"[^/,、，]+", match.group(2)):
                name = part.group().strip()
                offset = match.start(2) + part.start() + part.group().index(name) if name else 0
                if name and _looks_like_name(name, cues):
                    found.append(Candidate(name, index, offset, offset + len(name), "cell", hint=inner_kind))
    return found


def _looks_like_name(text: str, cues: Cues) -> bool:
    words = text.split()
    if not words or len(words) > 6:
        return False
    if not (text[0].isupper() or has_cjk(text[0]) or re.match("[a-z]+[A-Z]", text)):
        return False
    return not all(cues.never_alone(w) for w in words) and text.casefold() not in cues.heading_phrases


def _stems(index: int, text: str, cues: Cues, stems: Sequence[str]) -> list[Candidate]:
    """Lowercase drug names recognised by their INN stem (semaglutide, pembrolizumab)."""
    if not contains_any(text, stems):  # a match ends with a stem, as written
        return []
    return [Candidate(m.group(), index, m.start(), m.end(), "stem", hint="product")
            for m in cues.lowercase_name.finditer(text)
            if len(m.group()) >= 7 and m.group().lower() not in cues.stem_exceptions]


def corpus_words(passages: Sequence[Passage]) -> frozenset[str]:
    """Every run of ASCII letters in the corpus (the runs ``_LOWER_WORD`` and the drug-name
    pattern look at), in one pass: every character that is not an ASCII letter becomes a space
    (a character beyond ASCII is first a '?'), and what remains between spaces are the runs."""
    data = b" ".join(passage.text.encode("ascii", "replace") for passage in passages)
    return frozenset(run.decode("ascii") for run in set(data.translate(_LETTERS_ONLY).split()))


def corpus_stems(words: frozenset[str], cues: Cues) -> tuple[str, ...]:
    """The drug-name stems that end some word of the corpus (``corpus_words``): a name the
    stem pattern finds is a whole run of letters ending with its stem, so only those can."""
    endings = tuple(cues.stems)
    found = {stem for word in words if word.endswith(endings) for stem in endings if word.endswith(stem)}
    return tuple(stem for stem in cues.stems if stem in found)


def corpus_vocabulary(words: frozenset[str]) -> frozenset[str]:
    """Every lowercase word of the corpus (see ``vocabulary``): the runs of ``corpus_words``
    that are all lowercase are exactly the words ``_LOWER_WORD`` finds."""
    return frozenset(word for word in words if word.islower())
