"""Page plans for claims: labels on source pages, the claims page, the predictions ledger,
the glossary."""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Container
from dataclasses import dataclass

from .link import CLAIMS, GLOSSARY, PREDICTIONS, Corpus, term_anchor
from .link_claims import Comparison
from .markup import Md, Region, escape
from .model import Claim, Document, Event, Passage
from .paths import DocsPath, relative_link, source_page
from .views import ANNOTATED_KINDS
from .views_corpus import EntityRef, source_title

LABELS = ("stated", "attributed", "hedged", "rumour", "prediction", "opinion")
LABEL_NAMES = {"stated": "Stated", "attributed": "Attributed", "hedged": "Hedged", "rumour": "Rumour",
               "prediction": "Prediction", "opinion": "Opinion"}
VERDICT_NAMES = {"conflicts": "Sources conflict", "agrees": "Sources agree",
                 "unmatched": "Not compared (different units)", "single-source": "Single source"}


# ---- source pages -------------------------------------------------------------------------

def claim_regions(claims: tuple[Claim, ...], markers: dict[str, int] | None = None) -> tuple[Region, ...]:
    """Every sentence that is not a plain statement is wrapped and tagged with its label.

    A claim in ``markers`` (claim id -> number) is followed by the annotation marker ``(n)``
    that Material turns into a button opening note n of the list after the paragraph; a
    plain statement with a marker is wrapped too, so the claims page can link to it.
    """
    markers = markers or {}
    regions = []
    for claim in claims:
        marker = f" ({markers[claim.id]})" if claim.id in markers else ""
        if claim.label == "stated" and not marker:
            continue
        tag = ("" if claim.label == "stated" else
               f'<span class="bs-claim__tag" data-search-exclude="">{LABEL_NAMES[claim.label]}</span> ')
        regions.append(Region(claim.start, claim.end,
                              f'<span class="bs-claim bs-claim--{claim.label}" id="{claim.id}">{tag}',
                              "</span>" + marker))
    return tuple(regions)


# ---- annotations: what other sources say, next to the claim ----------------------------------

@dataclass(frozen=True)
class NoteFact:
    subject: str              # "Claude Mythos · release status"
    value: str                # what this sentence says (values joined, when it states several)
    verdict: str              # conflicts, agrees, unmatched, single-source
    verdict_name: str
    others: tuple[tuple[str, str], ...]    # (source title, its values) of the other sources
    link: str                 # the comparison's row on the claims page


@dataclass(frozen=True)
class NoteView:
    """One annotation: the claim's label and, per attribute it states, the other sources."""
    number: int
    label: str
    facts: tuple[NoteFact, ...]


def comparison_anchor(comparison: Comparison) -> str:
    """A stable id for a comparison's row on the claims page."""
    digest = hashlib.sha1(f"{comparison.entity}\x00{comparison.attribute}".encode("utf-8")).hexdigest()
    return f"cmp-{digest[:8]}"


def _attribute_name(attribute: str) -> str:
    return "release status" if attribute == "status" else attribute


def comparisons_by_document(corpus: Corpus) -> dict[str, tuple[Comparison, ...]]:
    """The comparisons each source takes part in (built once per build)."""
    found: dict[str, list[Comparison]] = {}
    for comparison in corpus.comparisons:
        for document in comparison.documents:
            found.setdefault(document, []).append(comparison)
    return {document: tuple(items) for document, items in found.items()}


def claim_notes(document: str, comparisons: tuple[Comparison, ...], claims: dict[str, Claim], ctx,
                path: DocsPath, listed: Container[str]) -> dict[str, tuple[NoteFact, ...]]:
    """Claim id -> the facts to annotate it with: each attribute the claim states and what the
    other sources say about it. Only claims whose figure or status is compared get a note; it
    links to the comparison's row when the claims page lists it (``listed``: row anchors)."""
    facts: dict[str, list[NoteFact]] = {}
    for comparison in comparisons:
        subject = f"{ctx.entities[comparison.entity].name} · {_attribute_name(comparison.attribute)}"
        anchor = comparison_anchor(comparison)
        link = relative_link(path, CLAIMS, anchor) if anchor in listed else ""
        others: dict[str, list[str]] = {}
        for a in comparison.assertions:
            if a.document != document:
                values = others.setdefault(a.document, [])
                if a.value not in values:
                    values.append(a.value)
        other_view = tuple((ctx.titles[d], ", ".join(v)) for d, v in others.items())
        own: dict[str, list[str]] = {}          # claim -> the values it states for this attribute
        for a in comparison.assertions:
            if a.document == document and a.claim in claims and a.value not in own.setdefault(a.claim, []):
                own[a.claim].append(a.value)
        for claim, values in own.items():
            facts.setdefault(claim, []).append(NoteFact(subject, ", ".join(values), comparison.verdict,
                                                        VERDICT_NAMES[comparison.verdict], other_view, link))
    return {claim: tuple(items) for claim, items in facts.items()}


def block_notes(claims: tuple[Claim, ...], facts: dict[str, tuple[NoteFact, ...]]
                ) -> tuple[dict[str, int], tuple[NoteView, ...]]:
    """Numbers the annotated claims of one block in text order: markers and notes."""
    markers: dict[str, int] = {}
    notes: list[NoteView] = []
    for claim in claims:
        if claim.id in facts:
            markers[claim.id] = len(notes) + 1
            notes.append(NoteView(len(notes) + 1, LABEL_NAMES[claim.label], facts[claim.id]))
    return markers, tuple(notes)


@dataclass(frozen=True)
class ProfileItem:
    label: str
    name: str
    count: int
    percent: int
    width: float          # share of the bar, in percent


def claim_profile(claims: tuple[Claim, ...]) -> tuple[ProfileItem, ...]:
    """How much of a source is stated fact, attribution, hedging, rumour, prediction, opinion."""
    total = len(claims) or 1
    counts = {label: 0 for label in LABELS}
    for claim in claims:
        counts[claim.label] += 1
    return tuple(ProfileItem(label, LABEL_NAMES[label], n, round(100 * n / total), round(100 * n / total, 1))
                 for label, n in counts.items() if n)


def claim_annotations(doc: Document, claims_of: Callable[[Passage], tuple[Claim, ...]],
                      facts: dict[str, tuple[NoteFact, ...]]) -> tuple[dict[str, tuple[Region, ...]], dict[str, tuple]]:
    """A source page's labelled sentences (passage anchor -> regions) and the annotations of
    the blocks that can carry them (block anchor -> notes), markers numbered per block."""
    regions: dict[str, tuple[Region, ...]] = {}
    notes: dict[str, tuple] = {}
    for block in doc.blocks:
        per_passage = [(p, claims_of(p)) for p in block.passages]
        markers: dict[str, int] = {}
        if facts and block.kind in ANNOTATED_KINDS:
            markers, found = block_notes(tuple(c for _, claims in per_passage for c in claims), facts)
            if found:
                notes[block.anchor] = found
        for passage, claims in per_passage:
            regions[passage.anchor] = claim_regions(claims, markers)
    return regions, notes


# ---- claims page --------------------------------------------------------------------------

@dataclass(frozen=True)
class SourceSays:
    source_title: str
    values: tuple[tuple[str, str, str], ...]     # (value, labels of the sentences, link to the first)


@dataclass(frozen=True)
class ComparisonView:
    anchor: str
    entity: EntityRef
    attribute: str
    verdict: str
    verdict_name: str
    sources: tuple[SourceSays, ...]


@dataclass(frozen=True)
class ClaimsPage:
    path: DocsPath
    conflicts: tuple[ComparisonView, ...]
    agreements: tuple[ComparisonView, ...]
    single: tuple[ComparisonView, ...]
    unmatched: tuple[ComparisonView, ...]
    profiles: tuple[tuple[str, str, tuple[ProfileItem, ...]], ...]   # (title, link, profile)
    predictions_link: str
    total_claims: int
    single_total: int = 0          # single-source attributes in the corpus (the page lists MAX_SINGLE_SOURCE_ROWS)


# Rows of the claims page's "single source" and "different units" tables: conflicts and
# agreements are all listed, the other two (most groups, in a large corpus) up to this many each.
MAX_SINGLE_SOURCE_ROWS = 300
CAPPED_VERDICTS = ("unmatched", "single-source")


def listed_comparisons(corpus: Corpus) -> tuple[Comparison, ...]:
    """The comparisons the claims page lists, in corpus order."""
    listed: list[Comparison] = []
    capped = dict.fromkeys(CAPPED_VERDICTS, 0)          # rows listed so far, per capped verdict
    for comparison in corpus.comparisons:
        if comparison.verdict in capped:
            if capped[comparison.verdict] == MAX_SINGLE_SOURCE_ROWS:
                continue
            capped[comparison.verdict] += 1
        listed.append(comparison)
    return tuple(listed)


def claims_view(corpus: Corpus, ctx, path: DocsPath = CLAIMS) -> ClaimsPage:
    """The claims page; ``path`` is the page the links are made relative to (the home page
    shows the top contradictions too)."""
    views = [_comparison_view(c, path, ctx) for c in listed_comparisons(corpus)]
    by_doc = {}
    for claim in corpus.claims:
        by_doc.setdefault(claim.document, []).append(claim)
    profiles = tuple((source_title(d), relative_link(path, source_page(d.id)), claim_profile(tuple(by_doc.get(d.id, ()))))
                     for d in corpus.documents)
    return ClaimsPage(
        path=path,
        conflicts=tuple(v for v in views if v.verdict == "conflicts"),
        agreements=tuple(v for v in views if v.verdict == "agrees"),
        unmatched=tuple(v for v in views if v.verdict == "unmatched"),
        single=tuple(v for v in views if v.verdict == "single-source"),
        single_total=sum(c.verdict == "single-source" for c in corpus.comparisons),
        profiles=profiles, predictions_link=relative_link(path, PREDICTIONS), total_claims=len(corpus.claims),
    )


def _comparison_view(comparison: Comparison, path: DocsPath, ctx) -> ComparisonView:
    sources = []
    for document in comparison.documents:
        firsts: dict[str, tuple[str, list[str]]] = {}
        for a in comparison.assertions:
            if a.document != document:
                continue
            link, labels = firsts.setdefault(a.value, (relative_link(path, source_page(a.document), a.anchor), []))
            label = LABEL_NAMES.get(a.label, a.label).lower()
            if label not in labels:
                labels.append(label)
        values = tuple((value, ", ".join(labels), link) for value, (link, labels) in firsts.items())
        sources.append(SourceSays(ctx.titles[document], values))
    return ComparisonView(comparison_anchor(comparison), ctx.ref(comparison.entity, path),
                          _attribute_name(comparison.attribute), comparison.verdict,
                          VERDICT_NAMES[comparison.verdict], tuple(sources))


# ---- predictions ledger -------------------------------------------------------------------

@dataclass(frozen=True)
class PredictionView:
    status: str
    status_key: str           # overdue, due, pending: for the style
    due: str
    text: Md
    source_title: str
    link: str
    timeline_link: str


@dataclass(frozen=True)
class LedgerPage:
    path: DocsPath
    as_of: str
    rows: tuple[PredictionView, ...]      # the first MAX_LEDGER_ROWS
    counts: str
    total: int = 0


# Rows of the predictions ledger page (most urgent first); every prediction is in the open data.
MAX_LEDGER_ROWS = 300


def ledger_view(corpus: Corpus, ctx, as_of: str | None) -> LedgerPage:
    """Every prediction with its due date (from the timeline) and its status on the as-of date."""
    path = PREDICTIONS
    today = dt.date.fromisoformat(as_of) if as_of else None
    events_at = {}
    for event in corpus.events:
        events_at.setdefault((event.document, event.anchor), []).append(event)
    rows = []
    for claim in corpus.claims:
        dated = [e for e in events_at.get((claim.document, claim.anchor), ())
                 if claim.start <= e.expr_start < claim.end or e.summary == claim.text]
        if claim.label != "prediction" and not any(e.kind == "prediction" for e in dated):
            continue
        event = dated[0] if dated else None
        status = prediction_status(event, today)
        rows.append(PredictionView(
            status=status, status_key=status.split(" ")[0], due=_due_text(event), text=escape(claim.text),
            source_title=ctx.titles[claim.document],
            link=relative_link(path, source_page(claim.document), claim.anchor),
            timeline_link=relative_link(path, corpus.timeline_page(event), event.id) if event else "",
        ))
    order = {"overdue": 0, "due": 1, "pending": 2}
    rows.sort(key=lambda r: (order[r.status_key], r.due, r.source_title))
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status_key] = counts.get(row.status_key, 0) + 1
    return LedgerPage(path, as_of or "not set", tuple(rows[:MAX_LEDGER_ROWS]),
                      ", ".join(f"{n} {k}" for k, n in sorted(counts.items())), len(rows))


def prediction_status(event: Event | None, today: dt.date | None) -> str:
    if event is None or event.end is None or today is None:
        return "pending (no due date)" if event is None or event.end is None else "pending"
    start, end = _bounds(event.start or event.end), _bounds(event.end, last=True)
    if end < today:
        return "overdue"
    if start <= today:
        return "due"
    return "pending"


def _bounds(iso: str, last: bool = False) -> dt.date:
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        year, month = parts
        if not last:
            return dt.date(year, month, 1)
        return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31) if last else dt.date(parts[0], 1, 1)


def _due_text(event: Event | None) -> str:
    if event is None:
        return "no date stated"
    if event.end:
        return event.end if event.start == event.end else f"{event.start} – {event.end}"
    return f"{event.relative or event.date_text} of publication (source undated)"


# ---- glossary -----------------------------------------------------------------------------

@dataclass(frozen=True)
class TermView:
    acronym: str
    anchor: str
    expansion: str
    places: tuple[tuple[str, str], ...]       # (source title, link)


def glossary_view(corpus: Corpus, ctx) -> tuple[TermView, ...]:
    return tuple(
        TermView(acronym, term_anchor(acronym), expansion,
                 tuple((ctx.titles[doc], relative_link(GLOSSARY, source_page(doc), anchor)) for doc, anchor in places))
        for acronym, expansion, places in corpus.glossary
    )
