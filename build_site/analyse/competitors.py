"""The competitive landscape: who competes with whom, on what, according to which source.

Pure functions over the structured documents and the entity index; every statement keeps the
(document, passage anchor) it comes from, so each cell of the page can cite its paragraph or
table row. Evidence that an organisation competes comes from three places:

1. comparison tables whose first column header means *company* ("Company / Project",
   "Manufacturer"...): one competitor per row, ``Anthropic (Mythos)`` giving organisation and
   product; the other columns are its attributes, merged across tables by normalised header
   (:func:`normalise_header`: "Perceived Strength" and "Strengths" are both ``strength``);
2. prose in competitive context: a passage with a cue ("competitors like", "pressure from",
   "rivals"...), a section whose heading has one, or a list whose lead-in has one ("The Direct
   Competitors:"); each sentence naming an organisation is quoted as a statement about it, and
   a list item opening ``Name: ...`` is about Name alone;
3. the entity index's ``competes_with`` relations.

Nothing from a publisher's note (``boilerplate`` passages) counts. Cue words, header synonyms
and status cues are data (``data/competitor_cues.yml``).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import yaml

from ..model import Block, Document, Passage
from .claims import label_sentence
from .entities import Entity, EntityIndex, Mention
from .quantities import find_quantities
from .sentences import split_sentences

DATA = Path(__file__).resolve().parent.parent / "data" / "competitor_cues.yml"
ORGANIZATION = "organization"          # the canonical header of a competitor table's key column
STATEMENT = "statement"                # the attribute holding what the prose says
PRODUCT = "product"                    # a column of products: its names go to the products list
PRODUCT_TYPES = ("product", "project")
_PROSE_KINDS = ("paragraph", "list_item", "callout", "answer")
_EMPTY_CELLS = {"", "-", "–", "—", "n/a", "na", "?", "none", "tbd"}
_TOPIC_REACH = 40                      # a product named this early in a sentence is its subject
_LABEL = re.compile(r"\s*(?:[(（][^)）]*[)）])?\s*(?:[:：]|\s[—–-]\s)\s*")   # "Meta (FAIR): ", "Nimbus — "
_BRACKETED = re.compile(r"[(（][^)）]*[)）]")
_ATTRIBUTION_GAP = re.compile(r"[\s,:'’\"“”]*(?:(?:the|a|an)\s+)?")  # between a source's name and its cue


# ---------------------------------------------------------------------------------------------
# Public values


@dataclass(frozen=True)
class Cited:
    """A value as written in a source, and the passage (paragraph, list item, table row) it is in."""

    value: str
    document: str
    anchor: str


@dataclass(frozen=True)
class Attribute:
    key: str                               # normalised header ("strategy") or "statement"
    label: str                             # as shown ("Strategy", "What the sources say")
    values: tuple[Cited, ...]              # in source order


@dataclass(frozen=True)
class ProductRef:
    entity: str
    citations: tuple[Cited, ...]           # where the source ties it to the organisation


@dataclass(frozen=True)
class Competitor:
    organization: str                      # entity id
    products: tuple[ProductRef, ...]
    attributes: tuple[Attribute, ...]      # in column order
    mentions: tuple[tuple[str, int], ...]  # (document, mentions outside publisher's notes), by document
    evidence: tuple[Cited, ...]            # the passages that make it a competitor

    @property
    def total_mentions(self) -> int:
        return sum(n for _, n in self.mentions)


@dataclass(frozen=True)
class ProductFigure:
    attribute: str                         # what it measures ("MMLU", "context length")
    text: str                              # as written ("2 million tokens")
    value: float
    unit: str
    bound: str | None
    document: str
    anchor: str


@dataclass(frozen=True)
class ProductFacts:
    product: str                           # entity id
    organization: str                      # entity id
    statuses: tuple[tuple[str, Cited], ...]   # (status, the cue as written), status order then source order
    figures: tuple[ProductFigure, ...]


@dataclass(frozen=True)
class Landscape:
    competitors: tuple[Competitor, ...]    # most sources first, then most mentions, then name
    products: tuple[ProductFacts, ...]     # by competitor order, then product mentions
    columns: tuple[tuple[str, str], ...]   # (attribute key, label) of every attribute used, in order
    tables: frozenset[tuple[str, str]] = frozenset()   # (document, table anchor) of the tables compared


# ---------------------------------------------------------------------------------------------
# Cues


@dataclass(frozen=True)
class CompetitorCues:
    qualifiers: frozenset[str]
    tail: re.Pattern[str]
    synonyms: dict[str, str]               # normalised header word -> canonical attribute
    labels: dict[str, str]
    order: tuple[str, ...]
    competition: re.Pattern[str]
    status_before: tuple[tuple[str, re.Pattern[str]], ...]
    status_after: tuple[tuple[str, re.Pattern[str]], ...]
    statuses: tuple[str, ...]
    fillers: re.Pattern[str]
    product_figures: frozenset[str]


@lru_cache(maxsize=4)
def load_cues(path: Path = DATA) -> CompetitorCues:
    data = yaml.safe_load(path.read_text("utf-8"))
    synonyms = {_norm_space(word.lower()): canonical
                for canonical, words in data["header_synonyms"].items() for word in words}
    statuses = tuple(data["status_cues"])
    tails = sorted(data["header_tails"], key=len, reverse=True)
    fillers = sorted(data["status_fillers"], key=len, reverse=True)
    return CompetitorCues(
        qualifiers=frozenset(q.lower() for q in data["header_qualifiers"]),
        tail=re.compile(r"\s+(?:" + "|".join(re.escape(t) for t in tails) + r")\s+\S.*$", re.IGNORECASE),
        synonyms=synonyms,
        labels=dict(data["attribute_labels"]),
        order=tuple(data["attribute_order"]),
        competition=_alternation(data["competition_cues"]),
        status_before=tuple((s, _alternation(data["status_cues"][s].get("before") or [], end=r"\s*$"))
                            for s in statuses),
        status_after=tuple((s, _alternation(data["status_cues"][s].get("after") or [])) for s in statuses),
        statuses=statuses,
        fillers=re.compile(r"^(?:[\s,'\"‘’“”]|(?:" + "|".join(re.escape(f) for f in fillers) + r")(?![\w]))*$",
                           re.IGNORECASE),
        product_figures=frozenset(a.lower() for a in data["product_figures"]),
    )


def _alternation(cues: Iterable[str], *, end: str = "") -> re.Pattern[str]:
    forms = []
    for cue in sorted(cues, key=len, reverse=True):
        escaped = re.escape(cue).replace(r"\ ", r"\s+")
        forms.append(rf"(?<![\w-]){escaped}(?![\w-])" if cue[:1].isascii() else escaped)
    if not forms:
        return re.compile(r"(?!)")
    body = "(?:" + "|".join(forms) + ")"
    return re.compile(body + end, re.IGNORECASE)


def _norm_space(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------------
# Table headers


def normalise_header(header: str, cues: CompetitorCues | None = None) -> str:
    """The attribute a column header names: "Vulnerability to Mythos" -> "vulnerability".

    Lower-cased, a "to X"/"vs X" tail and bracketed notes dropped, qualifier words dropped,
    words singularised, then mapped by the synonyms, the whole header first, else its head (last)
    word ("Market Approach" is ``strategy``, "Monthly List Price" ``price``); "Company / Project" is ``organization``
    because both parts are. Headers that mean nothing known come back normalised ("price").
    """
    cues = cues or load_cues()
    text = re.sub(r"[(\[（【][^)\]）】]*[)\]）】]", " ", header.lower())
    text = cues.tail.sub("", _norm_space(text))
    parts = [p for p in (_norm_part(part, cues) for part in re.split(r"\s*(?:/|&|\+|,|\band\b|、)\s*", text)) if p]
    if not parts:
        return _norm_space(text)
    meanings = [cues.synonyms.get(p) or cues.synonyms.get(p.rpartition(" ")[2], p) for p in parts]
    if len(set(meanings)) == 1:
        return meanings[0]
    return " / ".join(meanings)


def _norm_part(part: str, cues: CompetitorCues) -> str:
    words = [w for w in part.strip(" -–—:.").split() if w not in cues.qualifiers]
    if words:
        words[-1] = _singular(words[-1])
    return " ".join(words)


def _singular(word: str) -> str:
    if len(word) <= 3 or not word.isascii():
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


# ---------------------------------------------------------------------------------------------
# The landscape


def find_landscape(documents: Sequence[Document], index: EntityIndex,
                   cues: CompetitorCues | None = None) -> Landscape:
    cues = cues or load_cues()
    corpus = _Corpus(documents, index)
    found = _Found()
    for document in corpus.documents:           # tables first: a row makes its company a competitor
        _from_tables(document, corpus, cues, found)
    for document in corpus.documents:
        _from_prose(document, corpus, cues, found)
    _from_relations(corpus, found)
    competitors = _competitors(corpus, cues, found)
    return Landscape(
        competitors=competitors,
        products=_product_facts(competitors, corpus, cues),
        columns=_columns(competitors),
        tables=frozenset(found.tables),
    )


class _Corpus:
    """Lookups over the documents and the entity index, built once."""

    def __init__(self, documents: Sequence[Document], index: EntityIndex) -> None:
        self.documents = tuple(sorted(documents, key=lambda d: d.id))
        self.entities: dict[str, Entity] = {e.id: e for e in index.entities}
        self.passages: dict[tuple[str, str], Passage] = {
            (p.document, p.anchor): p for d in self.documents for p in d.passages}
        self.order = {key: n for n, key in enumerate(self.passages)}
        self.mentions: dict[tuple[str, str], list[Mention]] = defaultdict(list)
        for mention in index.mentions:
            self.mentions[(mention.document, mention.anchor)].append(mention)
        for found in self.mentions.values():
            found.sort(key=lambda m: m.start)
        # relations stated in the text outside publishers' notes (curated ones cite no passage)
        stated = [r for r in index.relations if r.document and not self.in_boilerplate(r.document, r.anchor)]
        self.developed: dict[str, list] = defaultdict(list)          # organisation -> develops relations
        self.developers: dict[str, list[str]] = defaultdict(list)    # product -> organisations
        for rel in (r for r in stated if r.predicate == "develops"):
            self.developed[rel.subject].append(rel)
            if self.type_of(rel.subject) == ORGANIZATION:
                self.developers[rel.object].append(rel.subject)
        self.rivalries = [r for r in stated if r.predicate == "competes_with"]
        self.rivalry_passages = {(r.document, r.anchor) for r in self.rivalries}

    def type_of(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.type if entity else "other"

    def in_boilerplate(self, document: str, anchor: str) -> bool:
        passage = self.passages.get((document, anchor))
        return passage is None or passage.boilerplate

    def developer_of(self, product: str) -> str | None:
        return self.developers[product][0] if self.developers.get(product) else None


class _Found:
    """What the passes collect: evidence, attributes and products per organisation."""

    def __init__(self) -> None:
        self.evidence: dict[str, list[Cited]] = defaultdict(list)
        self.attributes: dict[str, dict[str, list[Cited]]] = defaultdict(lambda: defaultdict(list))
        self.labels: dict[str, str] = {}
        self.products: dict[str, dict[str, list[Cited]]] = defaultdict(lambda: defaultdict(list))
        self.trusted: set[str] = set()     # keyed by a table row: a competitor whatever its type
        self.tables: list[tuple[str, str]] = []   # (document, anchor) of each table keyed by organisations

    def is_organization(self, entity_id: str, corpus: _Corpus) -> bool:
        return entity_id in self.trusted or corpus.type_of(entity_id) == ORGANIZATION

    def add(self, org: str, key: str, label: str, cited: Cited) -> None:
        self.labels.setdefault(key, label)
        if cited not in self.attributes[org][key]:
            self.attributes[org][key].append(cited)

    def product(self, org: str, product: str, cited: Cited) -> None:
        if cited not in self.products[org][product]:
            self.products[org][product].append(cited)


def _from_tables(document: Document, corpus: _Corpus, cues: CompetitorCues, found: _Found) -> None:
    for block in document.blocks:
        if block.kind != "table" or block.boilerplate or not block.header:
            continue
        columns = [(normalise_header(h, cues), h.strip()) if h.strip() else (f"column {n}", f"Column {n}")
                   for n, h in enumerate(block.header, 1)]
        if columns[0][0] != ORGANIZATION and not _keyed_by_organisations(block, columns, corpus, cues):
            continue
        found.tables.append((document.id, block.anchor))
        for row in block.passages:
            if len(row.cell_spans) < 2:
                continue
            start, end = row.cell_spans[0]
            org, products = _key_cell(row, start, end, corpus)
            if org is None:
                continue
            found.trusted.add(org)
            found.evidence[org].append(Cited(row.text[start:end], row.document, row.anchor))
            for product, surface in products:
                found.product(org, product, Cited(surface, row.document, row.anchor))
            for (key, header), (a, b) in zip(columns[1:], row.cell_spans[1:]):
                value = row.text[a:b].strip()
                named = [m for m in corpus.mentions.get((row.document, row.anchor), ())
                         if a <= m.start and m.end <= b and corpus.type_of(m.entity) in PRODUCT_TYPES]
                if key == PRODUCT and named:
                    for mention in named:
                        found.product(org, mention.entity, Cited(mention.surface, row.document, row.anchor))
                elif value.lower() not in _EMPTY_CELLS:
                    found.add(org, key, cues.labels.get(key, header), Cited(value, row.document, row.anchor))


def _keyed_by_organisations(block: Block, columns: list[tuple[str, str]], corpus: _Corpus,
                            cues: CompetitorCues) -> bool:
    """A comparison table whose first header is a word the cues do not know ("Drugmaker",
    "Airline"): it compares organisations when its rows open with one (two thirds of at least
    two rows) and another column states what competitors are compared on (strategy, strength,
    vulnerability or product), so a list of investors or cities is not taken for one."""
    if not any(key in (*cues.order, PRODUCT) for key, _ in columns[1:]):
        return False
    rows = [row for row in block.passages if len(row.cell_spans) >= 2]
    keyed = 0
    for row in rows:
        start, end = row.cell_spans[0]
        first = next((m for m in corpus.mentions.get((row.document, row.anchor), ())
                      if start <= m.start and m.end <= end), None)
        keyed += first is not None and not row.text[start:first.start].strip() \
            and corpus.type_of(first.entity) == ORGANIZATION
    return len(rows) >= 2 and keyed * 3 >= len(rows) * 2


def _key_cell(row: Passage, start: int, end: int, corpus: _Corpus) -> tuple[str | None, list[tuple[str, str]]]:
    """Organisation and products named in a row's first cell: ``Anthropic (Mythos)``."""
    inside = _bracketed(row.text, start, end)
    mentions = [m for m in corpus.mentions.get((row.document, row.anchor), ()) if m.start >= start and m.end <= end]
    outer = [m for m in mentions if not any(a <= m.start < b for a, b in inside)]
    inner = [m for m in mentions if any(a <= m.start < b for a, b in inside)]
    org, products = None, []
    for mention in outer + inner:             # "Anthropic (Mythos)", else "Azure (Microsoft)"
        if corpus.type_of(mention.entity) == ORGANIZATION:
            org = mention.entity
            break
    if org is None and outer:                 # a product named in the company column: its developer
        first = outer[0]
        developer = corpus.developer_of(first.entity)
        org = developer or first.entity       # else trust the table: the column names companies
        if developer:
            products.append((first.entity, first.surface))
    # A name in brackets after the organisation is its product, whatever type the entity index
    # guessed for it: "Novo Nordisk (Wegovy)" says so even where nothing else in the text does.
    bracketed_products = any(m.entity == org for m in outer)
    products += [(m.entity, m.surface) for m in outer + inner if m.entity != org and (
        corpus.type_of(m.entity) in PRODUCT_TYPES or (bracketed_products and m in inner))]
    return org, products


def _bracketed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _BRACKETED.finditer(text, start, end)]


def _from_prose(document: Document, corpus: _Corpus, cues: CompetitorCues, found: _Found) -> None:
    section_level = 0                        # level of the heading that made a competitive section
    previous: Block | None = None
    for block in document.blocks:
        if block.boilerplate:
            continue
        if block.kind == "heading":
            if section_level and block.level <= section_level:
                section_level = 0
            if not section_level and cues.competition.search(block.passages[0].text):
                section_level = block.level
        listed = block.kind == "list" and previous is not None and previous.kind in ("paragraph", "heading") \
            and bool(cues.competition.search(previous.passages[-1].text))
        for passage in block.passages:
            if passage.kind not in _PROSE_KINDS:
                continue
            subject = _labelled_subject(passage, corpus, found) if listed else None
            if subject is not None:
                org, label_end, products = subject
                cited = Cited(passage.text[label_end:].strip(), passage.document, passage.anchor)
                found.evidence[org].append(cited)
                found.add(org, STATEMENT, cues.labels.get(STATEMENT, STATEMENT), cited)
                for product, surface in products:
                    found.product(org, product, Cited(surface, passage.document, passage.anchor))
            elif (listed or section_level or (passage.document, passage.anchor) in corpus.rivalry_passages
                  or cues.competition.search(passage.text)):
                _statements(passage, corpus, cues, found)
        previous = block


def _labelled_subject(passage: Passage, corpus: _Corpus, found: _Found) -> tuple[str, int, list[tuple[str, str]]] | None:
    """``OpenAI: The undisputed leader...`` or ``Meta (FAIR): ...``: the organisation it is about."""
    mentions = corpus.mentions.get((passage.document, passage.anchor), ())
    if not mentions or mentions[0].start > 2 or not found.is_organization(mentions[0].entity, corpus):
        return None
    first = mentions[0]
    label = _LABEL.match(passage.text, first.end)
    if not label:
        return None
    products = [(m.entity, m.surface) for m in mentions[1:]
                if m.end <= label.end() and corpus.type_of(m.entity) in PRODUCT_TYPES]
    return first.entity, label.end(), products


def _statements(passage: Passage, corpus: _Corpus, cues: CompetitorCues, found: _Found) -> None:
    """Each sentence naming an organisation is a statement about it. An organisation named only
    as the sentence's source ("According to IQVIA, sales reached ...", "Gartner said ...") is
    quoted, should it compete anyway, but is not made a competitor by it."""
    mentions = [m for m in corpus.mentions.get((passage.document, passage.anchor), ())
                if found.is_organization(m.entity, corpus)]
    if not mentions:
        return
    for start, end in split_sentences(passage.text):
        sentence = passage.text[start:end]
        inside = [m for m in mentions if start <= m.start < end]
        sources = _attribution_sources(sentence, passage.lang, [(m.start - start, m.end - start) for m in inside])
        for org in dict.fromkeys(m.entity for m in inside):
            cited = Cited(sentence, passage.document, passage.anchor)
            if any(m.entity == org and not source for m, source in zip(inside, sources)):
                found.evidence[org].append(cited)
            found.add(org, STATEMENT, cues.labels.get(STATEMENT, STATEMENT), cited)


def _attribution_sources(sentence: str, lang: str, spans: list[tuple[int, int]]) -> list[bool]:
    """For each name span, whether it is the source an attribution cue names, right after the
    cue ("According to IQVIA") or right before it ("IQVIA said")."""
    label = label_sentence(sentence, lang)
    if label.label != "attributed" or label.cue is None or label.cue_start is None:
        return [False] * len(spans)
    cue_start, cue_end = label.cue_start, label.cue_start + len(label.cue)
    return [_ATTRIBUTION_GAP.fullmatch(sentence[cue_end:a]) is not None
            or _ATTRIBUTION_GAP.fullmatch(sentence[b:cue_start]) is not None for a, b in spans]


def _from_relations(corpus: _Corpus, found: _Found) -> None:
    for rel in corpus.rivalries:
        for org in (rel.subject, rel.object):
            if found.is_organization(org, corpus):
                found.evidence[org].append(Cited("", rel.document, rel.anchor))


def _competitors(corpus: _Corpus, cues: CompetitorCues, found: _Found) -> tuple[Competitor, ...]:
    mentions: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for key, found_mentions in corpus.mentions.items():
        if corpus.in_boilerplate(*key):
            continue
        for mention in found_mentions:
            mentions[mention.entity][mention.document] += 1
    # A product of another organisation (a table's "Org (Product)", a develops relation) is not a
    # competitor of its own, whatever type the entity index guessed, unless a table row keys it.
    owned = {product for products in found.products.values() for product in products}
    owned.update(rel.object for org, rels in corpus.developed.items() if corpus.type_of(org) == ORGANIZATION
                 for rel in rels)
    result = []
    for org, evidence in found.evidence.items():
        if not mentions.get(org) or not found.is_organization(org, corpus) or (org in owned and org not in found.trusted):
            continue
        _add_developed(org, corpus, found)
        result.append(Competitor(
            organization=org,
            products=tuple(_product_refs(org, corpus, found)),
            attributes=tuple(_attributes(org, corpus, cues, found)),
            mentions=tuple(sorted(mentions[org].items())),
            evidence=tuple(sorted(set(evidence), key=lambda c: corpus.order[(c.document, c.anchor)])),
        ))
    result.sort(key=lambda c: (-len(c.mentions), -c.total_mentions, corpus.entities[c.organization].name.lower()))
    return tuple(result)


def _add_developed(org: str, corpus: _Corpus, found: _Found) -> None:
    """Products from the entity index's ``develops`` relations, each citing its passage."""
    for rel in corpus.developed.get(org, ()):
        if corpus.type_of(rel.object) in PRODUCT_TYPES:
            found.product(org, rel.object, Cited(corpus.entities[rel.object].name, rel.document, rel.anchor))


def _product_refs(org: str, corpus: _Corpus, found: _Found) -> list[ProductRef]:
    refs = []
    for product, citations in found.products.get(org, {}).items():
        ordered = sorted(citations, key=lambda c: corpus.order[(c.document, c.anchor)])
        refs.append(ProductRef(product, tuple(ordered)))
    return sorted(refs, key=lambda r: corpus.order[(r.citations[0].document, r.citations[0].anchor)])


def _attributes(org: str, corpus: _Corpus, cues: CompetitorCues, found: _Found) -> list[Attribute]:
    by_key = found.attributes.get(org, {})
    keys = sorted(by_key, key=lambda k: _column_rank(k, cues, found))
    return [Attribute(k, found.labels[k], tuple(sorted(by_key[k], key=lambda c: corpus.order[(c.document, c.anchor)])))
            for k in keys]


def _column_rank(key: str, cues: CompetitorCues, found: _Found) -> tuple[int, int]:
    if key in cues.order:
        return (0, cues.order.index(key))
    if key == STATEMENT:
        return (2, 0)
    return (1, list(found.labels).index(key))


def _columns(competitors: Sequence[Competitor]) -> tuple[tuple[str, str], ...]:
    """Every attribute any competitor has, in the order of the first competitor that has it."""
    seen: dict[str, tuple[tuple[int, int], str]] = {}
    for competitor in competitors:
        for attribute in competitor.attributes:
            seen.setdefault(attribute.key, ((0 if attribute.key != STATEMENT else 1, len(seen)), attribute.label))
    return tuple((key, label) for key, (_, label) in sorted(seen.items(), key=lambda kv: kv[1][0]))


# ---------------------------------------------------------------------------------------------
# Products: status and figures


def _product_facts(competitors: Sequence[Competitor], corpus: _Corpus, cues: CompetitorCues) -> tuple[ProductFacts, ...]:
    owner: dict[str, str] = {}
    for competitor in competitors:
        for ref in competitor.products:
            owner.setdefault(ref.entity, competitor.organization)
    statuses: dict[str, list[tuple[str, Cited]]] = defaultdict(list)
    figures: dict[str, list[ProductFigure]] = defaultdict(list)
    benchmarks = _benchmark_names(corpus)
    for key, passage in corpus.passages.items():
        if passage.boilerplate or passage.kind not in _PROSE_KINDS:
            continue
        products = [m for m in corpus.mentions.get(key, ())     # owned: whatever type the index guessed
                    if m.entity in owner or corpus.type_of(m.entity) in PRODUCT_TYPES]
        if not products:
            continue
        for status, cited, product in _statuses(passage, products, cues):
            if product in owner and (status, cited) not in statuses[product]:
                statuses[product].append((status, cited))
        for product, figure in _figures(passage, products, cues, benchmarks):
            if product in owner:
                figures[product].append(figure)
    count: dict[str, int] = defaultdict(int)
    for mention in (m for ms in corpus.mentions.values() for m in ms):
        count[mention.entity] += 1
    rank = {c.organization: n for n, c in enumerate(competitors)}
    ordered = sorted(owner, key=lambda p: (rank[owner[p]], -count[p], corpus.entities[p].name.lower()))
    return tuple(
        ProductFacts(p, owner[p],
                     tuple(sorted(statuses[p], key=lambda sc: (cues.statuses.index(sc[0]),
                                                               corpus.order[(sc[1].document, sc[1].anchor)]))),
                     tuple(figures[p]))
        for p in ordered
    )


def _statuses(passage: Passage, products: list[Mention], cues: CompetitorCues) -> Iterable[tuple[str, Cited, str]]:
    """(status, cue as written, product) for each status cue right next to a product's name."""
    text = passage.text
    for start, end in split_sentences(text):
        inside = [m for m in products if start <= m.start < end]
        for n, mention in enumerate(inside):
            # a run of names joined by "and"/"," shares the cue before the first of them
            first = mention
            for earlier in reversed(inside[:n]):
                if re.fullmatch(r"[\s,'\"‘’“”]*(?:and|or|&)?[\s'\"‘’“”]*", text[earlier.end:first.start]):
                    first = earlier
                else:
                    break
            before = _strip_article(text[start:first.start])
            for status, pattern in cues.status_before:
                match = pattern.search(before)
                if match and not _negated(before[:match.start()]):
                    yield status, Cited(match.group(0).strip(), passage.document, passage.anchor), mention.entity
            for status, cue in _after(text, mention.end, end, cues):
                yield status, Cited(cue, passage.document, passage.anchor), mention.entity


def _strip_article(before: str) -> str:
    return re.sub(r"(?:\b(?:the|a|an|its|their)\s+)?[\s'\"‘’“”]*$", "", before, flags=re.IGNORECASE)


def _negated(before: str) -> bool:
    return bool(re.search(r"(?:\bnot|\bnever|n['’]t|\byet to)(?:\s+\w+)?\s*$", before, re.IGNORECASE))


def _after(text: str, pos: int, end: int, cues: CompetitorCues) -> Iterable[tuple[str, str]]:
    window = text[pos:min(end, pos + 40)]
    for cut in range(len(window) + 1):
        if cut and window[cut - 1].isalnum():
            continue                                   # cues start at a word boundary
        if not cues.fillers.match(window[:cut]):
            break
        for status, pattern in cues.status_after:
            match = pattern.match(window, cut)
            if match and not _negated(window[:cut]):
                yield status, match.group(0)
                return


def _benchmark_names(corpus: _Corpus) -> frozenset[str]:
    return frozenset(name.lower() for e in corpus.entities.values() if e.type == "benchmark"
                     for name in (e.name, *e.aliases))


def _figures(passage: Passage, products: list[Mention], cues: CompetitorCues,
             benchmarks: frozenset[str]) -> Iterable[tuple[str, ProductFigure]]:
    """Figures of products: a quantity belongs to the product named last before it in its
    sentence, else to the subject of the passage so far (a product named at the start of an
    earlier sentence: "Mythos ... . Trained on 15 trillion tokens, it ...")."""
    topic: str | None = None
    for start, end in split_sentences(passage.text):
        inside = [m for m in products if start <= m.start < end]
        for quantity in find_quantities(passage.text[start:end]):
            attribute = (quantity.attribute or "").strip()
            if attribute.lower() not in cues.product_figures and attribute.lower() not in benchmarks:
                continue
            before = [m for m in inside if m.end <= start + quantity.start]
            product = before[-1].entity if before else topic
            if product:
                yield product, ProductFigure(attribute, quantity.text, quantity.value, quantity.unit, quantity.bound,
                                             passage.document, passage.anchor)
        if inside and inside[0].start - start <= _TOPIC_REACH:
            topic = inside[0].entity
