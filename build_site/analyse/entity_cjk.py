"""Step 1 for Chinese text: candidate names where capitals cannot help.

Chinese has no capitals and no spaces, so names are found by the conventions news writing
uses around them: quotes and title brackets (“麒麟电池”, 《…规划》), a short name declared in
brackets (（以下简称“宁德时代”）, 工业和信息化部（工信部）), a translation in brackets
(丰田汽车（Toyota）), a role before a person (创始人雷军), a class word before an organisation
(初创公司QuantumScape), a subsidiary marker (比亚迪旗下的弗迪电池), the lead of a list item
(蔚来：…) and, with the whole corpus in view, the words jieba tags as proper names and the
members of an enumeration (宁德时代、比亚迪、一汽和吉利). The segmentation is jieba's (a project
dependency), through ``entity_segment``, which reads only the dictionary entries it needs.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from build_site.analyse.entity_acronyms import AliasLink
from build_site.analyse.entity_candidates import Candidate
from build_site.analyse.entity_cues import CjkCues
from build_site.analyse.entity_segment import cut
from build_site.analyse.entity_text import CJK, CJK_CHAR, has_cjk
from build_site.model import Passage


class Word(NamedTuple):
    """One jieba word with its offsets and part-of-speech tag (a named tuple: passages hold
    thousands, and a tuple is the cheapest immutable value to make)."""

    start: int
    end: int
    text: str
    tag: str


_BRACKETED = re.compile(r"《([^》\n]{2,40})》|[『「“‘【]([^』」”’】\n]{2,16})[』」”’】]")
_PAREN = re.compile(r"[（(]([^（）()\n]{1,40})[）)]")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9.&'’ -]{0,40}$")
_LATIN_BEFORE = re.compile(r"([A-Za-z][A-Za-z0-9.&'’-]*(?: [A-Za-z0-9][A-Za-z0-9.&'’-]*){0,4})\s*$")
_LATIN_AFTER = re.compile(r"\s*([A-Za-z][A-Za-z0-9.&-]*(?: [A-Z][A-Za-z0-9.&-]*){0,3})")
_LIST_LEAD = re.compile(f"^([^：:（(\\s]{{2,12}})(?:[（(]([^）)]{{1,40}})[）)])?[：:]")
_NON_SPACE_RUN = re.compile(r"\S+")
_HAS_CJK = re.compile(f"[{CJK}]")
_MAX_NAME = 16
_CLAUSE_TAGS = frozenset({"v", "d", "p", "r", "uj", "ul", "u", "ad"})


def segment(text: str) -> tuple[Word, ...]:
    """jieba's part-of-speech segmentation of the Chinese stretches of ``text`` (runs without
    spaces that hold a CJK character, so 'LG新能源' stays whole and English prose is skipped),
    with character offsets into ``text``. ``entity_segment.cut`` gives what ``jieba.posseg.cut``
    gives, without jieba's seconds of start-up."""
    words = []
    # Runs without spaces, kept when they hold a CJK character: linear, where \S*[CJK]\S*
    # backtracked over every long Latin word.
    for run in _NON_SPACE_RUN.finditer(text):
        if not _HAS_CJK.search(run.group()):
            continue
        offset = run.start()
        for word, tag in cut(run.group()):
            words.append(Word(offset, offset + len(word), word, tag))
            offset += len(word)
    return tuple(words)


def cjk_candidates(index: int, passage: Passage, words: tuple[Word, ...], cues: CjkCues
                   ) -> tuple[list[Candidate], list[AliasLink]]:
    """Chinese candidates of one passage and the aliases its brackets declare."""
    text = passage.text
    candidates = [*_bracketed(index, text, cues), *_people(index, text, words, cues),
                  *_after_class_words(index, text, words, cues), *_subsidiaries(index, text, words, cues),
                  *_tagged(index, words, cues), *_list_lead(index, passage)]
    links = []
    for found, link in (_paren_pair(index, text, match, words, cues) for match in _PAREN.finditer(text)):
        candidates += found
        links += link
    return candidates, links


def enumerations(text: str, words: tuple[Word, ...], cues: CjkCues) -> list[list[tuple[int, int]]]:
    """Spans of the members of each enumeration with at least two '、' (宁德时代、比亚迪、一汽和吉利)."""
    groups = []
    for clause in re.finditer(r"[^，。；：！？,;:!?\n]+", text):
        if clause.group().count("、") < 2:
            continue
        members = []
        pieces = list(re.finditer(r"[^、]+", clause.group()))
        for number, piece in enumerate(pieces):
            start, end = clause.start() + piece.start(), clause.start() + piece.end()
            if number == len(pieces) - 1:
                members += _last_members(text, start, end, words, cues)
            else:
                first = _run_start(text, end, cues) if number == 0 else start
                members.append((first, end))
        groups.append([(s, e) for s, e in members if 2 <= e - s <= 8])
    return groups


def _last_members(text, start, end, words, cues) -> list[tuple[int, int]]:
    """'卫蓝新能源和吉利均有项目入选' -> 卫蓝新能源, 吉利 (the first word after the last 和)."""
    members = []
    for separator in cues.list_separators[1:]:
        cut = text.find(separator, start, end)
        if cut > start:
            members.append((start, cut))
            start = cut + len(separator)
            break
    word = next((w for w in words if w.start == start), None)
    if word is not None and len(word.text) >= 2:
        members.append((word.start, word.end))
    return members


def _run_start(text: str, end: int, cues: CjkCues) -> int:
    """Where a name ending at ``end`` starts: back to a boundary character, or just after a
    class word or role inside the run (动力电池制造商宁德时代 -> 宁德时代)."""
    start = end
    while start > 0 and text[start - 1] not in cues.boundary_chars and end - start < _MAX_NAME:
        start -= 1
    run, best = text[start:end], start
    for cue in (*cues.organization_before, *cues.person_roles):
        cut = run.rfind(cue)
        if cut >= 0 and cut + len(cue) < len(run):
            best = max(best, start + cut + len(cue))
    return best


def _run_end(text: str, start: int, cues: CjkCues) -> int:
    """Where a name starting at ``start`` ends; a Latin name ends with its Latin words."""
    latin = _LATIN_AFTER.match(text, start)
    if latin and latin.start(1) == start:
        return latin.end(1)
    end = start
    while (end < len(text) and text[end] not in cues.boundary_chars and end - start < _MAX_NAME
           and not text[end].isascii()):
        end += 1
    return end


def _noun_run_end(text: str, start: int, words: tuple[Word, ...], cues: CjkCues) -> int:
    """End of the name starting at ``start``: up to three nouns or names, stopping at the first
    verb or adverb ('阿里云随即宣布' -> 阿里云). Without jieba, up to a boundary character."""
    following = [w for w in words if w.start >= start]
    if not following or following[0].start != start:
        return _run_end(text, start, cues)
    end = start
    for word in following[:3]:
        if not (word.tag[:1] in "nj" or word.tag == "eng") or word.text in cues.boundary_chars:
            break
        end = word.end
    return end if end > start else _run_end(text, start, cues)


def _candidate(index: int, text: str, start: int, end: int, hint: str | None) -> Candidate:
    return Candidate(text[start:end], index, start, end, "cjk", hint=hint)


def _bracketed(index: int, text: str, cues: CjkCues) -> list[Candidate]:
    """《…规划》 (a title: institution if its ending says so) and short quoted names “麒麟电池”."""
    found = []
    for match in _BRACKETED.finditer(text):
        group = 1 if match.group(1) is not None else 2
        content, start = match.group(group), match.start(group)
        if not has_cjk(content) or any(char in cues.clause_chars for char in content):
            continue
        if group == 1:
            stripped = re.sub(r"[（(][^）)]*[）)]$", "", content)
            kind = cues.suffix_type(stripped) or "other"
            found.append(_candidate(index, text, start, start + len(content), kind))
        elif len(content) <= 10 and not re.search(r"[，。,;；\s]", content):
            found.append(_candidate(index, text, start, start + len(content), cues.suffix_type(content)))
    return found


def _people(index: int, text: str, words: tuple[Word, ...], cues: CjkCues) -> list[Candidate]:
    """创始人雷军 / 雷军表示: a person-tagged word after a role or before a speech verb; the
    name before a role (小米汽车创始人) is an organisation."""
    found = []
    for number, word in enumerate(words):
        following = words[number + 1] if number + 1 < len(words) else None
        if word.text in cues.person_roles and following and _is_personal(following):
            found.append(_candidate(index, text, following.start, following.end, "person"))
            start = _run_start(text, word.start, cues)
            if 2 <= word.start - start and has_cjk(text[start:word.start]):
                found.append(_candidate(index, text, start, word.start, "organization"))
        if _is_personal(word) and following and following.text in cues.person_verbs:
            found.append(_candidate(index, text, word.start, word.end, "person"))
    return found


def _is_personal(word: Word) -> bool:
    return word.tag.startswith("nr") and 2 <= len(word.text) <= 4


def _after_class_words(index: int, text: str, words: tuple[Word, ...], cues: CjkCues) -> list[Candidate]:
    """初创公司QuantumScape, 研究机构SNE Research: a name right after an organisation class word."""
    found = []
    for cue in cues.organization_before:
        if cue not in text:
            continue
        for match in re.finditer(re.escape(cue), text):
            latin = _LATIN_AFTER.match(text, match.end())
            if latin and latin.group(1)[0].isupper():
                found.append(_candidate(index, text, latin.start(1), latin.end(1), "organization"))
                continue
            word = next((w for w in words if w.start == match.end()), None)
            if word is not None and word.tag in cues.name_tags and len(word.text) >= 2:
                found.append(_candidate(index, text, word.start, word.end, "organization"))
    return found


def _subsidiaries(index: int, text: str, words: tuple[Word, ...], cues: CjkCues) -> list[Candidate]:
    """比亚迪旗下的弗迪电池: both sides of a subsidiary marker are organisations (unless a name's
    ending says otherwise)."""
    found = []
    for marker in cues.subsidiary_markers:
        if marker not in text:
            continue
        for match in re.finditer(re.escape(marker), text):
            parent_start = _run_start(text, match.start(), cues)
            child_end = _noun_run_end(text, match.end(), words, cues)
            if match.start() - parent_start >= 2:
                found.append(_candidate(index, text, parent_start, match.start(), "organization"))
            if child_end - match.end() >= 2:
                child = text[match.end():child_end]
                kind = cues.suffix_type(child) or "organization"
                found.append(_candidate(index, text, match.end(), child_end, kind))
    return found


def _tagged(index: int, words: tuple[Word, ...], cues: CjkCues) -> list[Candidate]:
    """Words jieba tags as proper names (kept later if tagged so twice in the corpus; an
    organisation tag, once), and such a word with an organisation ending after it (丰田 + 汽车)."""
    found = []
    for number, word in enumerate(words):
        if word.tag not in cues.name_tags or len(word.text) < 2 or not CJK_CHAR.fullmatch(word.text[0]):
            continue
        found.append(Candidate(word.text, index, word.start, word.end, "cjk" if word.tag == "nt" else "cjk-tag"))
        end = number + 1
        while end < len(words) and words[end].text in cues.organization_suffixes:
            end += 1
        if end > number + 1:
            last = words[end - 1]
            found.append(Candidate(word.text + "".join(w.text for w in words[number + 1:end]), index,
                                   word.start, last.end, "cjk", hint="organization"))
    return found


def _list_lead(index: int, passage: Passage) -> list[Candidate]:
    """A short Chinese list-item lead names the item's subject: '蔚来：其…'."""
    if passage.kind != "list_item":
        return []
    match = _LIST_LEAD.match(passage.text)
    if match is None or not has_cjk(match.group(1)):
        return []
    return [_candidate(index, passage.text, match.start(1), match.end(1), None)]


def _paren_pair(index: int, text: str, match: re.Match[str], words: tuple[Word, ...], cues: CjkCues
                ) -> tuple[list[Candidate], list[AliasLink]]:
    """Brackets after a name: a declared short name, an abbreviation or a translation."""
    inner, inner_start, open_at = match.group(1).strip(), match.start(1), match.start()
    for marker in cues.short_name_markers:
        if inner.startswith(marker):
            short = inner[len(marker):].strip("“”\"「」『』 ")
            return _pair(index, text, _run_start(text, open_at, cues), open_at, short,
                         inner_start + inner.index(short), "short-name", cues)
    if re.search(r"\d", inner) or not (has_cjk(inner) or has_cjk(text[max(open_at - 1, 0):open_at])):
        return [], []
    if has_cjk(inner) and len(inner) <= 6 and has_cjk(text[max(open_at - 1, 0):open_at]):
        start = _abbreviation_start(text, open_at, inner, words)
        if start is None:
            return [], []
        return _pair(index, text, start, open_at, inner, inner_start, "abbreviation", cues)
    if has_cjk(inner) and not any(c in cues.clause_chars for c in inner):
        latin = _LATIN_BEFORE.search(text, 0, open_at)
        if latin and latin.group(1)[0].isupper():
            return _pair(index, text, latin.start(1), latin.end(1), inner, inner_start, "translation", cues)
        return [], []
    if _LATIN_NAME.match(inner) and (inner[0].isupper() or re.match("[a-z]+[A-Z]", inner)):
        return _pair(index, text, _run_start(text, open_at, cues), open_at, inner, inner_start, "translation", cues)
    return [], []


def _pair(index: int, text: str, start: int, end: int, other: str, other_start: int, reason: str,
          cues: CjkCues) -> tuple[list[Candidate], list[AliasLink]]:
    """Both names of a bracketed pair as candidates, typed by either one's ending, and the link."""
    name = text[start:end]
    if len(name) < 2 or not other or len(other) < 2:
        return [], []
    hint = cues.suffix_type(name) or cues.suffix_type(other)
    candidates = [_candidate(index, text, start, end, hint),
                  _candidate(index, text, other_start, other_start + len(other), hint)]
    return candidates, [AliasLink(name, other, reason)]


def _abbreviation_start(text: str, end: int, short: str, words: tuple[Word, ...]) -> int | None:
    """Start of the full name before '（short）': 工业和信息化部（工信部）,
    国家互联网信息办公室（网信办).

    The name runs back to punctuation, then loses any leading words up to the last verb, adverb
    or preposition ('新华社报道称国家发展和改革委员会' -> 国家发展和改革委员会). None when the
    short form's characters do not occur in order in it (2027年（计划）).
    """
    start = end
    while start > 0 and end - start < _MAX_NAME and re.match(f"[{CJK}A-Za-z0-9]", text[start - 1]):
        start -= 1
    for word in words:
        if start <= word.start and word.end <= end and word.tag in _CLAUSE_TAGS:
            start = word.end
    if end - start <= len(short) or not _is_subsequence(short, text[start:end]):
        return None
    return start


def _is_subsequence(short: str, long: str) -> bool:
    remaining = iter(long)
    return all(char in remaining for char in short)
