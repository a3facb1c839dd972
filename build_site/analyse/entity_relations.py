"""Step 7: relations the text states, each kept with the passage it comes from.

Predicates (subject -> object):

* ``develops`` (organisation -> product, project or method): "OpenAI's GPT-2", "Google
  DeepMind's Gemini Ultra roadmap", "Anthropic ... with its Claude family", a table row that has
  an organisation cell and a product cell or a bracketed product ("Anthropic (Mythos)").
* ``founded_by`` (organisation -> person): "X, founded by A", "Co-founders A and B" (the
  organisation is the one the sentence or its lead-in is about), 小米汽车创始人雷军.
* ``former_staff_of`` (organisation -> organisation): founded by former staff of the object,
  "Anthropic, founded by ex-OpenAI researchers". No expansion_of predicate: an acronym and its
  expansion are one entity.
* ``competes_with`` (organisation <-> organisation, symmetric):
  "competitors like xAI and Meta", "pressure from X, Y and Z", "rivals", and the list items after
  a lead-in such as "The Direct Competitors:", against the organisation the passage (or, failing
  that, the document) is mostly about.
* ``part_of`` (organisation -> organisation): "BIS, part of the US Department of Commerce",
  "X, a unit of Y", "Y, owner of X", 比亚迪旗下的弗迪电池.
* ``uses`` (anything -> product or method): "X uses Y", "X, based on Y", "Based on Y, X".
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Sequence

from build_site.analyse.entity_cues import Cues, fold, phrase_pattern, required_pieces
from build_site.analyse.entity_match import BY_START, Hit, coordinated
from build_site.model import Passage

_OWNED = frozenset({"product", "project", "method"})
_BODIES = frozenset({"organization", "institution"})
_POSSESSIVE = re.compile(r"^['’]s\s+(?:[a-z-]+\s+){0,2}['\"‘“]?$")
_ITS = re.compile(r"\bits\s+$")
_BEFORE_FOUNDED = re.compile(r"^,?\s*(?:which\s+was\s+|was\s+)?$")
_LIST_KINDS = frozenset({"list_item"})


@dataclass(frozen=True)
class Found:
    """A relation between two clusters, stated in one passage."""

    subject: int
    predicate: str
    object: int
    passage: int


def find_relations(passages: Sequence[Passage], hits: Sequence[Hit], types: Sequence[str],
                   cues: Cues) -> tuple[Found, ...]:
    """Every relation stated in the passages between mentioned clusters, with its passage."""
    by_passage: dict[int, list[Hit]] = defaultdict(list)
    for hit in hits:
        by_passage[hit.passage].append(hit)
    patterns = _Patterns(cues)
    main_orgs = _main_organisations(passages, hits, types)
    found: list[Found] = []
    for index in sorted(by_passage):
        passage, passage_hits = passages[index], sorted(by_passage[index], key=BY_START)
        context = _Context(passage.text, passage_hits, types, index, main_orgs.get(passage.document))
        found += _develops(context, passage, cues)
        found += _founders(context, patterns)
        found += _competitors(context, patterns)
        found += _part_of(context, patterns)
        found += _uses(context, patterns)
    found += _competitor_lists(passages, by_passage, types, patterns, main_orgs)
    return tuple(sorted(set(f for f in found if f.subject != f.object),
                        key=lambda f: (f.passage, f.predicate, f.subject, f.object)))


class _Patterns:
    """The relation cue phrases of the data file as compiled regexes."""

    def __init__(self, cues: Cues):
        words = {key: _alternation(phrases) for key, phrases in cues.relation_phrases.items()}
        self.competitors = re.compile(rf"\b(?:{words['competitors']})\b", re.I)
        self.founded_by = re.compile(rf"\b(?:{words['founded_by']})\b", re.I)
        self.founders = re.compile(rf"\b(?:{words['founders']})\b", re.I)
        self.former = re.compile(rf"(?:{words['former']})\s*$", re.I)
        self.part_of = re.compile(rf"^\)?,\s+(?:(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?)?(?:{words['part_of']})\s+of\s+"
                                  r"(?:the\s+)?$", re.I)
        self.owner_of = re.compile(r"^\)?,\s+(?:the\s+)?owner\s+of\s+(?:the\s+)?$", re.I)
        self.uses = re.compile(rf"^\s*,?\s*(?:which\s+)?(?:{words['uses']})\s+(?:the\s+|a\s+|an\s+|its\s+)?$", re.I)
        self.based_on = re.compile(r"(?:^|[.!?]\s+)(?:based on|built on|powered by)\s+$", re.I)
        self.cjk_founders = tuple(r for r in cues.cjk.person_roles if "创始人" in r)
        self.cjk_subsidiary = cues.cjk.subsidiary_markers
        # What a passage must contain for these patterns to match in it (see required_pieces).
        self.pieces = {key: required_pieces(cues.relation_phrases[key])
                       for key in ("competitors", "founded_by", "founders")}

    def may_match(self, key: str, folded: str) -> bool:
        pieces = self.pieces[key]
        if pieces is None:
            return True
        for piece in pieces:
            if piece in folded:
                return True
        return False


def _alternation(phrases) -> str:
    return "|".join(phrase_pattern(p) for p in sorted(phrases, key=lambda p: (-len(p), p)))


class _Context:
    """One passage's text and mentions, with helpers to find them around an offset."""

    def __init__(self, text: str, hits: list[Hit], types: Sequence[str], index: int, main_org: int | None):
        self.text, self.hits, self.types, self.index, self.main_org = text, hits, types, index, main_org
        self.folded = fold(text)

    def found(self, subject: int, predicate: str, obj: int) -> Found:
        return Found(subject, predicate, obj, self.index)

    def kind(self, hit: Hit) -> str:
        return self.types[hit.cluster]

    def sentence(self, offset: int) -> tuple[int, int]:
        starts = [m.end() for m in re.finditer(r"[.!?。！？]\s+|[。！？]", self.text[:offset])]
        end = re.search(r"[.!?。！？](?:\s|$)|[。！？]", self.text[offset:])
        return (starts[-1] if starts else 0), (offset + end.end() if end else len(self.text))

    def first_organisation(self, start: int, end: int, exclude: set[int] = frozenset()) -> int | None:
        for hit in self.hits:
            if start <= hit.start < end and self.kind(hit) == "organization" and hit.cluster not in exclude:
                return hit.cluster
        return None


def _develops(context: _Context, passage: Passage, cues: Cues) -> list[Found]:
    text, found = context.text, []
    groups = coordinated(text, context.hits)
    for owner, group in zip(groups, groups[1:]):
        owner_hit = owner[-1]
        if (context.kind(owner_hit) == "organization" and text[owner_hit.end:owner_hit.end + 1] in ("'", "’")
                and _POSSESSIVE.match(text[owner_hit.end:group[0].start])):
            found += [context.found(owner_hit.cluster, "develops", h.cluster)
                      for h in group if context.kind(h) in _OWNED]
    for hit in context.hits if "its" in text else ():  # _ITS needs the word
        before = text[max(0, hit.start - 8):hit.start]
        if "its" in before and _ITS.search(before) and context.kind(hit) in _OWNED:
            start, _ = context.sentence(hit.start)
            owner = context.first_organisation(start, hit.start)
            if owner is not None:
                found.append(context.found(owner, "develops", hit.cluster))
    if passage.kind == "table_row":
        found += _table_develops(context, passage, cues)
    return found


def _table_develops(context: _Context, passage: Passage, cues: Cues) -> list[Found]:
    """A row that starts with an organisation: the products in its own cell ('Anthropic (Mythos)')
    and in a product column ('Tesla | Model Y'), not whatever else the row mentions."""
    cells = passage.cell_spans
    first = context.hits[0] if context.hits else None
    if first is None or not cells or first.start != cells[0][0] or context.kind(first) != "organization":
        return []
    product_cells = [cells[0], *(span for span, header in zip(cells, passage.header)
                                 if cues.header_type(header) == "product")]
    return [context.found(first.cluster, "develops", h.cluster) for h in context.hits[1:]
            if context.kind(h) in ("product", "project") and any(s <= h.start < e for s, e in product_cells)]


def _founders(context: _Context, patterns: _Patterns) -> list[Found]:
    text, found = context.text, []
    founded_by = patterns.founded_by.finditer(text) if patterns.may_match("founded_by", context.folded) else ()
    for cue in founded_by:
        subject = _subject_before(context, cue.start())
        for hit in _list_after(context, cue.end()):
            if subject is None:
                break
            if context.kind(hit) == "person":
                found.append(context.found(subject, "founded_by", hit.cluster))
            elif context.kind(hit) == "organization" and patterns.former.search(text[cue.end():hit.start]):
                found.append(context.found(subject, "former_staff_of", hit.cluster))
    founders = patterns.founders.finditer(text) if patterns.may_match("founders", context.folded) else ()
    for cue in founders:
        people = [h for h in _list_after(context, cue.end()) if context.kind(h) == "person"]
        subject = _founders_organisation(context, cue.start())
        found += [context.found(subject, "founded_by", h.cluster) for h in people if subject is not None]
    for role in patterns.cjk_founders:
        if role not in text:
            continue
        for cue in re.finditer(re.escape(role), text):
            before = [h for h in context.hits if h.end == cue.start() and context.kind(h) == "organization"]
            after = [h for h in context.hits if h.start == cue.end() and context.kind(h) == "person"]
            found += [context.found(b.cluster, "founded_by", a.cluster) for b in before for a in after]
    return found


def _subject_before(context: _Context, offset: int) -> int | None:
    """'Anthropic, founded by …': the organisation right before the cue, else the sentence's first."""
    for hit in reversed(context.hits):
        if hit.end <= offset and _BEFORE_FOUNDED.match(context.text[hit.end:offset]):
            return hit.cluster if context.kind(hit) == "organization" else None
    start, _ = context.sentence(offset)
    return context.first_organisation(start, offset)


def _founders_organisation(context: _Context, offset: int) -> int | None:
    """The organisation co-founders belong to: one right before the cue ('Tesla co-founder'), the
    possessor of the passage's lead-in ("Anthropic's Leadership: Co-founders …"), the sentence's
    first organisation, or the passage's."""
    for hit in context.hits:
        if hit.end <= offset and re.match(r"^(?:['’]s)?\s*$", context.text[hit.end:offset]):
            if context.kind(hit) == "organization":
                return hit.cluster
    start, _ = context.sentence(offset)
    return _first_known(context.first_organisation(start, offset),
                        context.first_organisation(0, len(context.text)))


def _list_after(context: _Context, offset: int) -> list[Hit]:
    """The mentions listed right after a cue, within a few words ('founded by ex-OpenAI staff')."""
    following = [h for h in context.hits
                 if h.start >= offset and len(context.text[offset:h.start].split()) <= 3]
    if not following:
        return []
    group = next(g for g in coordinated(context.text, context.hits) if following[0] in g)
    return [h for h in group if h.start >= following[0].start]


def _competitors(context: _Context, patterns: _Patterns) -> list[Found]:
    found = []
    if not patterns.may_match("competitors", context.folded):
        return found
    for cue in patterns.competitors.finditer(context.text):
        start, end = context.sentence(cue.start())
        if not _list_after(context, cue.end()):  # 'rivals will again be chasing SpaceX' names no rival
            continue
        rivals = {h.cluster for h in context.hits
                  if cue.end() <= h.start < end and context.kind(h) == "organization"}
        if not rivals:
            continue
        subject = _first_known(context.first_organisation(start, cue.start(), rivals),
                               context.first_organisation(0, cue.start(), rivals), context.main_org)
        if subject is not None:
            found += [context.found(subject, "competes_with", rival) for rival in sorted(rivals)]
    return found


def _competitor_lists(passages: Sequence[Passage], by_passage: dict[int, list[Hit]], types: Sequence[str],
                      patterns: _Patterns, main_orgs: dict[str, int]) -> list[Found]:
    """'The Direct Competitors:' followed by list items: each item's leading organisation."""
    found = []
    for index, passage in enumerate(passages):
        if passage.kind in _LIST_KINDS or len(passage.text) > 80 or not patterns.competitors.search(passage.text):
            continue
        subject = main_orgs.get(passage.document)
        follower = index + 1
        while follower < len(passages) and passages[follower].kind in _LIST_KINDS and subject is not None:
            leading = sorted(by_passage.get(follower, []), key=BY_START)
            if leading and leading[0].start <= 2 and types[leading[0].cluster] == "organization":
                found.append(Found(subject, "competes_with", leading[0].cluster, follower))
            follower += 1
    return found


def _part_of(context: _Context, patterns: _Patterns) -> list[Found]:
    found = []
    types = context.types
    for first, second in zip(context.hits, context.hits[1:]):
        if types[first.cluster] not in _BODIES or types[second.cluster] not in _BODIES:
            continue
        between = context.text[first.end:second.start]
        if patterns.part_of.match(between):
            found.append(context.found(first.cluster, "part_of", second.cluster))
        elif patterns.owner_of.match(between) or between in patterns.cjk_subsidiary:
            found.append(context.found(second.cluster, "part_of", first.cluster))
    return found


def _uses(context: _Context, patterns: _Patterns) -> list[Found]:
    found = []
    types, text = context.types, context.text
    for first, second in zip(context.hits, context.hits[1:]):
        between = text[first.end:second.start]
        if types[second.cluster] in _OWNED and patterns.uses.match(between):
            found.append(context.found(first.cluster, "uses", second.cluster))
        elif (between[:1] == "," and re.match(r"^,\s*$", between)
              and patterns.based_on.search(text[max(0, first.start - 40):first.start])):
            found.append(context.found(second.cluster, "uses", first.cluster))
    return found


def _first_known(*clusters: int | None) -> int | None:
    return next((cluster for cluster in clusters if cluster is not None), None)


def _main_organisations(passages: Sequence[Passage], hits: Sequence[Hit], types: Sequence[str]) -> dict[str, int]:
    """The organisation each document is about: mentioned at least three times and twice as
    often as any other. A document without one has no implicit subject."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for hit in hits:
        if types[hit.cluster] == "organization" and not hit.variant:
            counts[passages[hit.passage].document][hit.cluster] += 1
    main = {}
    for document, count in counts.items():
        (first, top), *rest = sorted(count.items(), key=lambda item: (-item[1], item[0]))
        if top >= 3 and all(top >= 2 * other for _, other in rest):
            main[document] = first
    return main
