"""Claims across the corpus: what each source asserts about each entity, and where they differ.

An *assertion* is one value a source gives for an (entity, attribute): a figure ("92 percent"
for Claude Mythos · MMLU) or a release status ("leaked"). Assertions are grouped by
(entity, attribute) through a dictionary, never by comparing all pairs of claims, and each
group is judged: agrees, conflicts, unmatched (the sources give it in different units, say
euros and dollars, so they cannot be compared), or single-source.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from .analyse.entities import Entity, Mention
from .analyse.status import statuses_in
from .model import Claim, Event, Figure

SUBJECT_TYPES = ("product", "project", "organization", "method", "other")
_TOLERANCE = 0.01


@dataclass(frozen=True, slots=True)
class Assertion:
    entity: str
    attribute: str
    value: str               # display value: "92 percent", "leaked"
    number: float | None     # normalised number, None for a status
    unit: str
    bound: str | None
    document: str
    anchor: str
    claim: str               # claim id
    label: str               # the sentence's epistemic label


@dataclass(frozen=True, slots=True)
class Comparison:
    entity: str
    attribute: str
    verdict: str                          # conflicts, agrees, unmatched, single-source
    assertions: tuple[Assertion, ...]
    documents: tuple[str, ...]


def attach_claims(claims: list[Claim], mentions_by_passage: dict, entity_by_id: dict[str, Entity],
                  events: list[Event]) -> list[Claim]:
    """Give each claim its entities, and each figure the entity it is about; drop figures
    that are dates or durations already on the timeline, and bare numbers without a unit."""
    event_spans: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for event in events:
        event_spans[(event.document, event.anchor)].append((event.expr_start, event.expr_end))
    linked = []
    for claim in claims:
        key = (claim.document, claim.anchor)
        passage_mentions = sorted(mentions_by_passage.get(key, ()), key=lambda m: m.start)
        inside = [m for m in passage_mentions if claim.start <= m.start < claim.end]
        figures = tuple(
            replace(f, entity=_subject(f, inside, passage_mentions, entity_by_id))
            for f in claim.figures
            if f.unit and not any(f.start < b and a < f.end for a, b in event_spans.get(key, ()))
        )
        linked.append(replace(claim, entities=tuple(sorted({m.entity for m in inside})), figures=figures))
    return linked


def _subject(figure: Figure, inside: list[Mention], passage: list[Mention], entity_by_id: dict[str, Entity]) -> str | None:
    """The entity a figure is about: the nearest earlier subject-like mention in its sentence
    that is not what the figure measures, else the first one in the paragraph."""
    def usable(m: Mention) -> bool:
        entity = entity_by_id[m.entity]
        measured = figure.attribute and (figure.attribute == entity.name or figure.attribute in entity.aliases)
        return entity.type in SUBJECT_TYPES and not measured and entity.type != "benchmark"
    before = [m for m in inside if m.start < figure.start and usable(m)]
    if before:
        return _prefer_products(before, entity_by_id)[-1].entity
    earlier = [m for m in passage if m.start < figure.start and usable(m)]
    if earlier:                     # "This tier would command $50+": the last thing named before
        return _prefer_products(earlier, entity_by_id)[-1].entity
    later = [m for m in passage if usable(m)]
    return _prefer_products(later, entity_by_id)[0].entity if later else None


def _prefer_products(mentions: list[Mention], entity_by_id: dict[str, Entity]) -> list[Mention]:
    products = [m for m in mentions if entity_by_id[m.entity].type in ("product", "project")]
    return products or mentions


def assertions_of(claims: list[Claim], entity_by_id: dict[str, Entity], mentions_by_passage: dict) -> list[Assertion]:
    found: list[Assertion] = []
    for claim in claims:
        if claim.publisher_note:
            continue
        for figure in claim.figures:
            if figure.entity and figure.attribute and not figure.attribute.startswith("relative"):
                found.append(Assertion(figure.entity, figure.attribute, figure.text, figure.value, figure.unit,
                                       figure.bound, claim.document, claim.anchor, claim.id, claim.label))
        subjects = _status_subjects(claim, entity_by_id, mentions_by_passage)
        if subjects:
            statuses = statuses_in(claim.text)
            for entity_id in subjects if statuses else ():
                for status, cue in statuses:
                    found.append(Assertion(entity_id, "status", status, None, "", None,
                                           claim.document, claim.anchor, claim.id, claim.label))
    return found


def _status_subjects(claim: Claim, entity_by_id: dict[str, Entity], mentions_by_passage: dict) -> list[str]:
    products = [e for e in claim.entities if entity_by_id[e].type in ("product", "project")]
    if products:
        return products
    passage = sorted(mentions_by_passage.get((claim.document, claim.anchor), ()), key=lambda m: m.start)
    first = next((m.entity for m in passage if entity_by_id[m.entity].type in ("product", "project")), None)
    return [first] if first else []


def compare(assertions: list[Assertion]) -> tuple[Comparison, ...]:
    groups: dict[tuple[str, str], list[Assertion]] = defaultdict(list)
    for assertion in assertions:
        groups[(assertion.entity, assertion.attribute)].append(assertion)
    comparisons = []
    for (entity, attribute), group in groups.items():
        documents = tuple(sorted({a.document for a in group}))
        verdict = "single-source" if len(documents) == 1 else _judge(attribute, group)
        comparisons.append(Comparison(entity, attribute, verdict, tuple(sorted(group, key=_order)), documents))
    rank = {"conflicts": 0, "agrees": 1, "unmatched": 2, "single-source": 3}
    return tuple(sorted(comparisons, key=lambda c: (rank[c.verdict], -len(c.documents), c.entity, c.attribute)))


def _order(a: Assertion) -> tuple:
    return (a.document, a.anchor, a.value)


def _judge(attribute: str, group: list[Assertion]) -> str:
    """The verdict on what two or more sources say of one attribute."""
    if attribute == "status":
        by_document: dict[str, set[str]] = defaultdict(set)
        for a in group:
            by_document[a.document].add(a.value)
        says_released = {d for d, values in by_document.items() if "released" in values}
        says_not = {d for d, values in by_document.items() if values & {"unreleased", "leaked"} and "released" not in values}
        return "conflicts" if says_released and says_not else "agrees"
    # Figures are compared within a unit only: 5 billion euros and 30 billion dollars are
    # neither a contradiction nor an agreement without an exchange rate.
    by_unit: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for a in group:
        by_unit[a.unit][a.document].append(a.number)
    shared = [documents for documents in by_unit.values() if len(documents) > 1]
    if not shared:
        return "unmatched"
    if any(not _numbers_agree([n for numbers in documents.values() for n in numbers]) for documents in shared):
        return "conflicts"
    return "agrees"


def _numbers_agree(numbers: list[float]) -> bool:
    low, high = min(numbers), max(numbers)
    return high == 0 or (high - low) / abs(high) <= _TOLERANCE
