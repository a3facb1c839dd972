"""Events: every sentence, list item or table cell that carries a date becomes a timeline event.

Each temporal expression found in a passage gives one event whose summary is the sentence
around it (a table row's cells under a dated header column give one event per cell). The
kind comes from the sentence's epistemic label: predictions are forecasts, rumour and hedged
statements are speculation, everything else is reported. A relative expression pointing
forward ("within 6 months", "next year") makes a prediction whatever the wording.
"""
from __future__ import annotations

import datetime as dt
import hashlib

from ..model import Document, Event, Passage
from .claims import label_sentence
from .dates import TemporalExpression, find_temporal_expressions
from .dates_published import is_metadata_line
from .sentences import split_sentences

_KIND_OF_LABEL = {"prediction": "prediction", "rumour": "speculation", "hedged": "speculation"}
_FRAMES = ("attributed", "opinion")        # labels that say who claims, not what is claimed
_FORWARD = ("within", "next", "in the coming", "in the next", "over the next", "the next", "this year", "later")


def extract_events(document: Document) -> tuple[Event, ...]:
    """All events of one document, in text order."""
    anchor = dt.date.fromisoformat(document.published) if document.published else None
    events: list[Event] = []
    for block in document.blocks:
        if block.kind in ("title", "front_matter"):
            continue
        for passage in block.passages:
            publication = None
            if passage.line == document.published_line:
                if is_metadata_line(passage.text):
                    continue             # a "Published: ..." line is metadata, not an event
                publication = document.published   # a dateline: its date is not an event
            if passage.kind == "table_row":
                events.extend(_row_events(passage, anchor))
            else:
                events.extend(_sentence_events(passage, anchor, publication))
    return tuple(events)


def _sentence_events(passage: Passage, anchor: dt.date | None, publication: str | None = None) -> list[Event]:
    expressions = [e for e in find_temporal_expressions(passage.text, anchor=anchor)
                   if not (e.precision == "day" and e.relation is None and e.date_start == publication)]
    if not expressions:
        return []
    sentences = split_sentences(passage.text) or ((0, len(passage.text)),)
    events = []
    for expr in expressions:
        start, end = next(((s, e) for s, e in sentences if s <= expr.start < e), (0, len(passage.text)))
        summary = passage.text[start:end].strip()
        events.append(_event(passage, expr, summary, _kind(summary, passage.lang, expr)))
    return events


def _row_events(passage: Passage, anchor: dt.date | None) -> list[Event]:
    """Dates in a row's own cells, and dates in the header above each cell (a dated column)."""
    events = []
    cells = [passage.text[s:e] for s, e in passage.cell_spans]
    row_label = cells[0] if cells else ""
    for expr in find_temporal_expressions(passage.text, anchor=anchor):
        events.append(_event(passage, expr, passage.text, _kind(passage.text, passage.lang, expr)))
    for column, header in enumerate(passage.header):
        if column == 0 or column >= len(cells) or not cells[column].strip():
            continue
        for expr in find_temporal_expressions(header, anchor=anchor)[:1]:
            summary = f"{row_label} — {header}: {cells[column]}"
            # The date is in the header, not in this row's text: an empty span links nothing.
            start = passage.cell_spans[column][0]
            located = TemporalExpression(**{**expr.__dict__, "start": start, "end": start})
            events.append(_event(passage, located, summary, _kind(summary, passage.lang, expr)))
    return events


def _kind(sentence: str, lang: str, expr: TemporalExpression) -> str:
    kind = _claim_kind(sentence, lang)
    if kind == "reported" and expr.relative and expr.relative.lower().startswith(_FORWARD):
        return "prediction"
    if kind == "reported" and expr.offset_months and expr.offset_months[1] > 0:
        return "prediction"
    return kind


def _claim_kind(sentence: str, lang: str) -> str:
    """What the sentence claims about its date. A frame ("analysts say", "we believe") labels
    the sentence attributed or opinion, yet the timeline needs what the framed clause says:
    "analysts say the merger will close in 2027" is a prediction, "officials said it could
    reopen in 2025" speculation. So the clause without the frame is read again; and a source
    that is itself a rumour ("leaked documents show") makes speculation."""
    label = label_sentence(sentence, lang)
    if label.label not in _FRAMES or label.cue is None or label.cue_start is None:
        return _KIND_OF_LABEL.get(label.label, "reported")
    source = label.cue.rstrip().rpartition(" ")[0]      # "Leaked documents show" -> "Leaked documents"
    if source and label_sentence(source, lang).label == "rumour":
        return "speculation"
    return _claim_kind(sentence[:label.cue_start] + sentence[label.cue_start + len(label.cue):], lang)


def _event(passage: Passage, expr: TemporalExpression, summary: str, kind: str) -> Event:
    key = f"{passage.document}\n{passage.anchor}\n{expr.start}\n{expr.text}"
    return Event(
        id="ev-" + hashlib.blake2b(key.encode("utf-8"), digest_size=4).hexdigest(),
        document=passage.document, anchor=passage.anchor, date_text=expr.text,
        start=expr.date_start, end=expr.date_end, precision=expr.precision, relation=expr.relation,
        relative=expr.relative, kind=kind, summary=summary, expr_start=expr.start, expr_end=expr.end,
        publisher_note=passage.boilerplate,
    )
