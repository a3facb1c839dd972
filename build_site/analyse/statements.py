"""Claims: every sentence of a document with its epistemic label and the figures it states.

A sentence is the unit: ``split_sentences`` cuts each passage, ``label_sentence`` says whether
it is stated, attributed, hedged, rumour, prediction or opinion, ``find_quantities`` finds the
figures. Headings, titles and table rows are not claims (a table row's cells are figures of the
row, handled by the tables and competitors stages).
"""
from __future__ import annotations

import hashlib

from ..model import Claim, Document, Figure, Passage
from .claims import label_sentence
from .quantities import find_quantities
from .sentences import split_sentences

_CLAIM_KINDS = ("paragraph", "list_item", "question", "answer", "callout", "boilerplate")


def extract_claims(document: Document) -> tuple[Claim, ...]:
    claims: list[Claim] = []
    for block in document.blocks:
        if block.kind in ("title", "heading", "front_matter", "table"):
            continue
        for passage in block.passages:
            if passage.kind in _CLAIM_KINDS:
                claims.extend(_passage_claims(passage))
    return tuple(claims)


def _passage_claims(passage: Passage) -> list[Claim]:
    claims = []
    for start, end in split_sentences(passage.text):
        sentence = passage.text[start:end]
        if not any(ch.isalnum() for ch in sentence):
            continue
        label = label_sentence(sentence, passage.lang)
        figures = tuple(
            Figure(q.text, q.value, q.unit, q.bound, q.attribute, start + q.start, start + q.end)
            for q in find_quantities(sentence)
        )
        key = f"{passage.document}\n{passage.anchor}\n{start}"
        claims.append(Claim(
            id="c-" + hashlib.blake2b(key.encode("utf-8"), digest_size=4).hexdigest(),
            document=passage.document, anchor=passage.anchor, start=start, end=end, text=sentence,
            lang=passage.lang, label=label.label, cue=label.cue, figures=figures,
            publisher_note=passage.boilerplate,
        ))
    return claims
