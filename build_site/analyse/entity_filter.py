"""Step 2: decide which candidates are names, with the whole corpus in view.

A capital at a sentence start proves nothing ("However", "Fast forward", "Enter Claude Mythos"),
so a phrase there counts only from the first word that is *attested*: the phrase itself occurs
mid-sentence, or a longer one starts with the word mid-sentence ("its Claude family" attests
"Claude Mythos"), or the rest of the phrase occurs on its own elsewhere. Name-shaped words
(digits, inner capitals, acronyms) are enough on their own, and so are, for a phrase that opens a
sentence, words never written in lowercase in the corpus ("Elon Musk"), an organisation word at
the end ("Mistral AI") or a cue after it (an appositive, ", founded by", "'s PaLM-2"). How often
a word opens sentences never counts ("Analysts expect …" in every document), and a capital after
a stop that the sentence splitter took for an abbreviation's ("311 ms. Analysts") counts as a
sentence start (entity_text). Headings, table rows and lead-ins only contribute name-shaped
words; a list item's lead-in ("- Pfizer: The company …", "- Cost: a fab costs …") names its
subject only with more evidence (_accept_leads). Compounds of known words are split
("Transformer-SSM" -> SSM; "Nvidia H800" -> Nvidia, H800).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterable, Mapping, Sequence

from build_site.analyse.entity_acronyms import AliasLink
from build_site.analyse.entity_candidates import Candidate
from build_site.analyse.entity_cues import Cues
from build_site.analyse.entity_text import APPOSITIVE, YEAR, is_number, is_strong_token
from build_site.model import Passage

_ACCEPTED_AS_FOUND = frozenset({"definition", "repo", "cell", "stem", "cjk", "quoted"})
_POSSESSIVE_NAME = re.compile(r"^['’]s\s+(?:[a-z-]+\s+)?[A-Z0-9]")
_POSSESSIVE = re.compile(r"^['’]s((?:\s+[a-z-]+){1,3})")
# After a list item's lead: a determiner or possessive and the first words of a description.
_AFTER_LEAD = re.compile(r"^\s*(?:\([^)]*\))?\s*[:：]\s+(?:the|a|an|its|their|[A-Z][\w-]*['’]s)\s+"
                               r"((?:[\w-]+\s+){0,3}[\w-]+)", re.I)


@dataclass(frozen=True)
class Accepted:
    """The names found, the type hints gathered for each, and the aliases that hold."""

    surfaces: frozenset[str]
    hints: Mapping[str, tuple[str, ...]]
    links: tuple[AliasLink, ...]


@dataclass(frozen=True)
class _Corpus:
    """What the whole corpus says about capitalised phrases."""

    mid_sentence: frozenset[str]     # phrases seen after the first word of a body sentence
    starts: frozenset[str]           # the words those phrases start with
    anywhere: frozenset[str]         # every capitalised phrase
    tagged: Counter                  # Chinese words jieba tagged as names, with their counts
    vocabulary: frozenset[str]       # every lowercase word


def accept_candidates(candidates: Sequence[Candidate], links: Sequence[AliasLink], passages: Sequence[Passage],
                      vocabulary: frozenset[str], enumerations: Iterable[tuple[int, list[tuple[int, int]]]],
                      cues: Cues) -> Accepted:
    """The candidates that are names, with their type hints and the aliases that hold."""
    corpus = _corpus(candidates, vocabulary, cues)
    hints: dict[str, list[str]] = defaultdict(list)
    titles: dict[str, list[str]] = {}  # _title_forms depends on the surface alone
    leads = []
    for candidate in candidates:
        origin = candidate.origin
        if origin == "lead":
            leads.append(candidate)  # judged once the other evidence is in (_accept_leads)
            continue
        if origin in _ACCEPTED_AS_FOUND or origin == "phrase" and not candidate.title and not candidate.initial:
            forms = (candidate.surface,)  # what _accepted_forms returns for these, quickly
        elif origin == "phrase" and candidate.title:
            forms = titles.get(candidate.surface)
            if forms is None:
                forms = titles[candidate.surface] = _accepted_forms(candidate, "", corpus, cues)
        else:
            forms = _accepted_forms(candidate, passages[candidate.passage].text, corpus, cues)
        for surface in forms:
            accepted = hints[surface]  # an entry even without a hint: the surface is a name
            if candidate.hint:
                accepted.append(candidate.hint)
    if leads:
        _accept_leads(leads, hints, passages, corpus, cues)
    kept_links = _holding_links(links)
    for link in kept_links:
        hints[link.left].extend([])
        hints[link.right].extend([])
    _add_enumerated(hints, passages, enumerations, cues)
    surfaces = _split_brand_products(_split_compounds(frozenset(hints), vocabulary, cues))
    return Accepted(surfaces=surfaces,
                    hints=MappingProxyType({s: tuple(sorted(hints.get(s, ()))) for s in sorted(surfaces)}),
                    links=kept_links)


def _corpus(candidates: Sequence[Candidate], vocabulary: frozenset[str], cues: Cues) -> _Corpus:
    phrases = frozenset(c.surface for c in candidates if c.origin == "phrase" and not c.initial and not c.title)
    return _Corpus(mid_sentence=phrases,
                   starts=frozenset(p.split()[0] for p in phrases if not cues.never_alone(p.split()[0])),
                   anywhere=frozenset(c.surface for c in candidates if c.origin == "phrase"),
                   tagged=Counter(c.surface for c in candidates if c.origin == "cjk-tag"),
                   vocabulary=vocabulary)


def _accepted_forms(candidate: Candidate, text: str, corpus: _Corpus, cues: Cues) -> list[str]:
    """The name(s) a candidate stands for: itself, a shorter tail of it, or nothing."""
    words = candidate.surface.split()
    if candidate.origin in _ACCEPTED_AS_FOUND:
        return [candidate.surface]
    if candidate.origin == "cjk-tag":
        return [candidate.surface] if corpus.tagged[candidate.surface] >= 2 else []
    if candidate.title:
        return _title_forms(candidate.surface, words, corpus, cues)
    if not candidate.initial:
        return [candidate.surface]
    return _sentence_initial_forms(candidate, text, words, corpus, cues)


def _sentence_initial_forms(candidate: Candidate, text: str, words: list[str], corpus: _Corpus,
                            cues: Cues) -> list[str]:
    for first in range(len(words)):
        rest = words[first:]
        if (" ".join(rest) in corpus.mid_sentence or _is_strong_phrase(rest, cues)
                or len(rest) > 1 and rest[0] in corpus.starts):
            if first == len(words) - 1 == 1 and _unusual(words, corpus, cues) and _introduces_person(
                    text[candidate.end:candidate.end + 120], cues):
                return [candidate.surface]  # 'George Kurtz, the founder, …' when 'Kurtz' occurs alone
            return [" ".join(rest)]
    for first in range(1, len(words) - 1):
        if " ".join(words[first:]) in corpus.anywhere:  # 'Enter Claude Mythos' when 'Claude Mythos' occurs alone
            return [" ".join(words[first:])]
    if len(words) > 1 and _unusual(words, corpus, cues) or _has_cue(candidate, text, words, corpus, cues):
        return [candidate.surface]
    return []


def _accept_leads(leads: Sequence[Candidate], hints: dict[str, list[str]], passages: Sequence[Passage],
                  corpus: _Corpus, cues: Cues) -> None:
    """A list item's lead-in before a colon names its subject ("- Pfizer: The company …") or
    labels it ("- Cost: a 2nm fab costs …", "- Geopolitics: export controls …"). A lead is a
    name when it is one elsewhere in the corpus, when its shape or an organisation word says so,
    or, if no word of it is an everyday word (written in lowercase in the corpus, in some
    inflection), when the item speaks of it as a thing: the text after the colon describes it
    ("The retailer has …"), refers back to it ("… and the company paid …"), or it heads a
    longer name ("Apple: Apple TV+ remains small")."""
    heads = None
    for lead in leads:
        words = lead.surface.split()
        if lead.surface in hints or _designated(words, cues) or _is_strong_phrase(words, cues):
            hints[lead.surface].extend([])
            continue
        if any(_common(word, corpus.vocabulary) for word in words):
            continue
        if heads is None:
            heads = {phrase.split(" ", 1)[0] for phrase in corpus.anywhere if " " in phrase}
        after = passages[lead.passage].text[lead.end:]
        if lead.surface in heads or _described(after, cues) or _refers_back(after, cues):
            hints[lead.surface].extend([])


def _common(word: str, vocabulary: frozenset[str]) -> bool:
    """Whether a word is in everyday use: the corpus writes it, or an inflection of it, in
    lowercase ('Cost' -> 'costs', 'Timing' -> 'time', 'Analysts' -> 'analyst', 'Geopolitics' ->
    'geopolitical')."""
    folded = word.casefold()
    if folded in vocabulary:
        return True
    forms = [folded + "s", folded + "es", folded + "ed", folded + "ing", folded + "al"]
    if folded.endswith("s"):
        forms += [folded[:-1], folded[:-1] + "al"]  # 'Analysts', 'Geopolitics'
    if folded.endswith("es"):
        forms.append(folded[:-2])  # 'Taxes'
    if folded.endswith("ies"):
        forms.append(folded[:-3] + "y")
    if folded.endswith("y"):
        forms.append(folded[:-1] + "ies")
    if folded.endswith("ing"):
        forms += [folded[:-3], folded[:-3] + "e"]
    if folded.endswith("e"):
        forms += [folded + "d", folded[:-1] + "ing"]
    return any(form in vocabulary for form in forms)


def _described(after: str, cues: Cues) -> bool:
    """The text after a lead describes a thing: "(…): The retailer has …", ": the payments firm
    …"; a capitalised class word belongs to another name (": the Environmental Protection Agency")."""
    description = _AFTER_LEAD.match(after)
    noun = cues.class_noun.search(description.group(1)) if description else None
    return noun is not None and noun.group().islower()


def _refers_back(after: str, cues: Cues) -> bool:
    """'… and the company paid …': the item calls its subject by an organisation's class noun."""
    for noun in cues.class_noun.finditer(after):
        before = after[max(0, noun.start() - 4):noun.start()]
        if noun.lastgroup == "organization" and noun.group().islower() and before == "the ":
            return True
    return False


def _unusual(words: list[str], corpus: _Corpus, cues: Cues) -> bool:
    """No word of the phrase is ever written in lowercase in the corpus ('Elon Musk', 'Pfizer')."""
    return all(w.casefold() not in corpus.vocabulary and not cues.never_alone(w) for w in words)


def _designated(words: list[str], cues: Cues) -> bool:
    """'Viking Therapeutics', 'Japan Patent Office': ends with an organisation or institution word."""
    last = words[-1].casefold()
    return len(words) > 1 and (last in cues.name_words["organization"] or last in cues.name_words["institution"])


def _title_forms(surface: str, words: list[str], corpus: _Corpus, cues: Cues) -> list[str]:
    """In a heading only name-shaped words count: a version name ('Claude 3 Opus') or a
    designated name ('Viking Therapeutics') whole, else the runs of name-shaped tokens
    ('AINews Verdict & Predictions' -> 'AINews')."""
    version = len(words) <= 4 and any(is_number(w) for w in words[1:])
    if surface in corpus.mid_sentence:
        return [surface]
    if _designated(words, cues) or version:
        return [_attested_part(words, corpus) or surface]
    if len(words) > 2 and all(w.isupper() for w in words):  # an ALL-CAPS HEADLINE shows no names
        return []
    forms, run = [], []
    for word in (*words, ""):
        if word and (is_strong_token(word) and not cues.never_alone(word) or run and is_number(word)):
            run.append(word)
            continue
        if run:
            forms.append(" ".join(run))
        run = []
    return forms


def _attested_part(words: list[str], corpus: _Corpus) -> str | None:
    """The longest run of a heading's words that the text uses as a name, with the version
    numbers right after it: 'The Forge 11 Edge Launch and …' -> 'Forge 11 Edge', 'Inside
    Westmark Energy's Plan' -> 'Westmark Energy', a table cell '737 MAX 8' -> '737 MAX 8'."""
    for size in range(len(words) - 1, 0, -1):
        for first in range(len(words) - size + 1):
            if " ".join(words[first:first + size]) in corpus.mid_sentence:
                end = first + size
                while end < len(words) and is_number(words[end]) and not YEAR.match(words[end]):
                    end += 1
                return " ".join(words[first:end])
    return None


def _is_strong_phrase(words: list[str], cues: Cues) -> bool:
    """Name-shaped: a strong token that is not an everyday acronym, or a number after a head."""
    strong = any(is_strong_token(w) and not cues.never_alone(w) for w in words)
    return strong or any(is_number(w) for w in words[1:])


def _has_cue(candidate: Candidate, text: str, words: list[str], corpus: _Corpus, cues: Cues) -> bool:
    """A sentence-initial phrase that its context marks as a name: an organisation word at its
    end ('Mistral AI's models'), an appositive ('Northvolt, the Swedish startup'), an explicit
    cue phrase ('Anthropic, founded by'), a possessive before a name or a class noun ("Google's
    PaLM-2", "Alphabet's video platform") or a verb
    of speech after two words, or after one never written in lowercase and not a plural ("Tesla
    said", not "Critics said"). Class nouns do not count here: "Fresh entrants …"."""
    if _designated(words, cues):
        return True
    after = text[candidate.end:candidate.end + 80]
    if (APPOSITIVE.match(after) or cues.right_phrase.match(after)) and not words[-1].endswith("ly"):
        return True
    speaker = len(words) > 1 or _unusual(words, corpus, cues) and not words[0].endswith("s")
    owned = _POSSESSIVE.match(after)
    owns_a_thing = owned is not None and any(cues.class_noun.fullmatch(w) for w in owned.group(1).split())
    return bool(_POSSESSIVE_NAME.match(after) or owns_a_thing or speaker and cues.person_verb.match(after))


def _introduces_person(after: str, cues: Cues) -> bool:
    """The text after a name describes a person: an appositive whose first class noun is a
    person's (', CrowdStrike's founder and chief executive,') or a bare role (', policy director
    at'). 'Enter Claude Mythos, an unreleased model' is not one."""
    appositive = APPOSITIVE.match(after)
    noun = cues.class_noun.search(appositive.group(1)) if appositive else None
    return noun is not None and noun.lastgroup == "person" or cues.role_appositive.match(after) is not None


def _holding_links(links: Sequence[AliasLink]) -> tuple[AliasLink, ...]:
    """All declared aliases, except a bracketed short form that is defined nowhere: 'Meta (FAIR)'
    names a part of Meta, while 'Process-Supervised RL (RLPF)' renames a defined RLPF."""
    defined = {link.right for link in links if link.reason == "definition"}
    defined |= {d[:-1] for d in defined if d.endswith("s")} | {d + "s" for d in defined}
    holding = {link for link in links if link.reason != "paren-acronym" or link.right in defined}
    return tuple(sorted(holding, key=lambda link: (link.left, link.right, link.reason)))


def _add_enumerated(hints: dict[str, list[str]], passages: Sequence[Passage],
                    enumerations: Iterable[tuple[int, list[tuple[int, int]]]], cues: Cues) -> None:
    """Members of a Chinese enumeration are names when two of them already are."""
    for index, members in enumerations:
        text = passages[index].text
        surfaces = [text[start:end] for start, end in members]
        if sum(surface in hints for surface in surfaces) < 2:
            continue
        for surface in surfaces:
            if surface not in hints and not any(char in cues.cjk.clause_chars for char in surface):
                hints[surface] = []


def _split_compounds(surfaces: frozenset[str], vocabulary: frozenset[str], cues: Cues) -> frozenset[str]:
    """'Transformer-SSM', 'Mythos-Core', 'LLM-as-Planner': a hyphenated word made only of known
    names, common words and everyday acronyms is not a name itself (its known parts are)."""
    kept = set()
    for surface in surfaces:
        parts = surface.split("-")
        if " " in surface or len(parts) < 2 or any(c.isdigit() for c in surface):
            kept.add(surface)
            continue
        known = [part in surfaces or len(part) > 1 and part.casefold() in vocabulary or cues.never_alone(part)
                 for part in parts]
        anchored = any(part in surfaces or cues.is_generic_acronym(part) for part in parts)
        if not (all(known) and anchored):
            kept.add(surface)
    return frozenset(kept)


def _split_brand_products(surfaces: frozenset[str]) -> frozenset[str]:
    """'Nvidia H800', 'Samsung Galaxy S24': a name seen on its own followed by a versioned
    product name is two names. 'Claude 3 Opus' (a number follows) and 'Google DeepMind' (no
    version) stay whole."""
    kept = set()
    for surface in surfaces:
        head, *rest = surface.split()
        tail = "".join(rest)
        if rest and head in surfaces and not is_number(rest[0]) and any(c.isdigit() for c in tail) and any(
                c.isalpha() for c in tail):
            kept.add(" ".join(rest))
        else:
            kept.add(surface)
    return frozenset(kept)
