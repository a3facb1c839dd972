"""Stage 4, ``link``: the analysed documents become one :class:`Corpus` with its cross-references.

Everything that needs the whole corpus happens here, after every document is analysed and
before anything is rendered: which spans of which passage link where, ordering, neighbours.
"""
from __future__ import annotations

from dataclasses import dataclass

from .markup import Span
from .model import Document


@dataclass(frozen=True)
class Corpus:
    documents: tuple[Document, ...]                 # sorted by id
    spans: dict[str, dict[str, tuple[Span, ...]]]  # document id -> passage anchor -> links in it

    def neighbours(self, index: int) -> tuple[Document | None, Document | None]:
        before = self.documents[index - 1] if index > 0 else None
        after = self.documents[index + 1] if index + 1 < len(self.documents) else None
        return before, after


def link_corpus(documents: list[Document]) -> Corpus:
    ordered = tuple(sorted(documents, key=lambda d: d.id))
    return Corpus(documents=ordered, spans={doc.id: {} for doc in ordered})
