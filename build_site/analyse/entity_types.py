"""Step 6: type each entity by voting on the evidence in the text.

No list of known names is consulted. Evidence, with its weight:

* the name itself: an owner/name repository (project, 5); an institution word such as
  "Institute", "Act", "Agency" (institution, 3 at the end, else 2); otherwise an organisation
  word at the end such as "Inc", "Labs", "Motors" (organization, 2), or an everyday noun that
  ends many companies' names, such as "Data", "Photonics" (organization, 1); a product word or
  noun at the end ("Assistant API" 2, "Blade Battery" 1); a method or project word such as "Learning",
  "Search", "Project" (2); a benchmark fragment such as "…Eval" (benchmark, 3); a version shape
  like "GPT-2" or "Atlas V" (product, 1); a Chinese ending such as 公司, 部, 大学, 规划 (3);
* how it was found: the table column it sits in, a title before it ("Dr", "CEO"), a Chinese
  role (2 each);
* every mention's context: a cue right before it ("competitors like", "92 percent on", "the
  consultancy", "co-founders") or right after it ("family", "trial", ", founded by", "chairman"),
  an appositive or "is a" description whose first class noun types it, a Chinese class word
  touching it ("…架构", "推理模型…"), a lowercase form in running text (method) (2 each); a cue
  on the first member of a list ("Models such as Llama 3 and Grok") or the last ("'Strawberry'
  and 'Arrakis' projects") types every member;
* a possessive before a product-like name ("OpenAI's GPT-2": organization 2, product 1), and
  an organisation's possessive before an untyped name ("Google's TPU": product 1);
* for a name still without evidence, the type most of its list-mates have (1).

Person votes from context (a speech verb, ", who", a bare role such as ", policy director at")
only count for person-shaped names, since "OpenAI said" is common: two to four plain words, none
a name word, and the name not shortened to its first word ("Ionic" for "Ionic Materials", as a
company's is; a person's is shortened to the surname); place votes ("in Szeged",
"Shenzhen-based") only for plain one-to-three-word names. A programme noun after a name that its
own words make a product ("the Echo 2 Pro programme") does not make it a project. A name that
ends up a place is left out of the index: places are not among the entity types. A curated type
overrides the vote. With no evidence at all a name is an organisation.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Mapping, Sequence

from build_site.analyse.entity_cues import PLACE, Cues
from build_site.analyse.entity_match import BY_START, Hit, coordinated
from build_site.analyse.entity_merge import Cluster
from build_site.analyse.entity_text import APPOSITIVE, has_cjk, names_first
from build_site.model import Passage

TIE_ORDER = ("institution", "benchmark", "method", "project", "person", "product", "organization", "other", PLACE)
_BENCHMARK_SHAPE = re.compile(r"(?<=[a-z])(?:Eval|Bench)s?$|^[A-Za-z]+-[Bb]ench$")
# "Nvidia: The dominant supplier of …", "YouTube: Alphabet's video platform …"
_LEAD_DESCRIPTION = re.compile(r"^(?:\s*\([^)]*\))?:\s+((?:The|A|An|[A-Z][\w-]*['’]s)\s[^.;,]{3,80})")
_COPULA = re.compile(r"^\s+(?:is|was|remains|are)\s+(?:a|an|the)\s+([^,.;()]{3,120})")
_COPULA_HEAD = re.compile(r"\s+(?:is|was|remains|are)\s+(?:a|an|the)\s")  # how a _COPULA match starts
_POSSESSIVE = re.compile(r"^['’]s\s+(?:[a-z-]+\s+){0,2}['\"‘“]?$")
_PERSON_WORD = re.compile(r"^(?:[A-Z\u00c0-\u00de](?:['’][A-Z])?[a-z\u00df-\u00ff'’-]+|[A-Z]\.)$")  # O’Leary
_WORKPLACE = re.compile(r"^,\s+((?:[a-z][\w-]*\s+){1,4})at\s+[A-Z]")
_CLOSED_APPOSITION = re.compile(r"\s*(?:\([^)]*\))?\s*[,)]")
_ROMAN = re.compile(r"^(?:II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$")
_VERSION = re.compile(r"[A-Za-z].*\d|\d.*[A-Za-z]")
_SHAPED = ("person", PLACE)           # context votes these kinds only for names of the right shape


def infer_types(clusters: Sequence[Cluster], hits: Sequence[Hit], passages: Sequence[Passage],
                hints: Mapping[str, tuple[str, ...]], cues: Cues) -> tuple[str, ...]:
    """The type of every cluster, in cluster order."""
    votes = [_name_votes(cluster, hints, cues) for cluster in clusters]
    shapes = [_shape(cluster, hints, cues) for cluster in clusters]
    by_passage: dict[int, list[Hit]] = defaultdict(list)
    for hit in hits:
        by_passage[hit.passage].append(hit)
    ordered = sorted(by_passage.items())
    groups = {index: coordinated(passages[index].text, passage_hits) for index, passage_hits in ordered}
    named_products = [vote["product"] > 0 for vote in votes]  # what the names alone say
    for index, passage_hits in ordered:
        _context_votes(passages[index].text, passage_hits, groups[index], votes, shapes, named_products, cues)
    for index, passage_hits in ordered:
        _possessive_votes(passages[index].text, passage_hits, votes)
    for index, _ in ordered:
        _sibling_votes(groups[index], votes)
    return tuple(_decide(cluster, vote) for cluster, vote in zip(clusters, votes))


def _decide(cluster: Cluster, vote: Counter) -> str:
    if cluster.curated is not None and cluster.curated.type:
        return cluster.curated.type
    return _leader(vote) if vote else "organization"


def _name_votes(cluster: Cluster, hints: Mapping[str, tuple[str, ...]], cues: Cues) -> Counter:
    vote: Counter = Counter()
    for surface in cluster.surfaces:
        vote.update({hint: 2 * count for hint, count in Counter(hints.get(surface, ())).items()})
        if has_cjk(surface):
            kind = cues.cjk.suffix_type(surface)
            vote.update({kind: 3} if kind else {})
        else:
            vote.update(_surface_votes(surface, cues))
    return vote


def _surface_votes(surface: str, cues: Cues) -> Counter:
    """What the words of a Latin name say about its type."""
    vote: Counter = Counter()
    words = surface.split()
    folded = [w.casefold() for w in words]
    last = folded[-1]
    if "/" in surface and len(words) == 1:
        vote["project"] += 5
    institution = _name_word_at(folded, cues.name_words["institution"])
    if institution is not None:
        vote["institution"] += 3 if institution == len(folded) - 1 else 2
    elif len(words) > 1 and last in cues.name_words["organization"]:
        vote["organization"] += 1 if last == "ai" else 2
    elif len(words) > 1 and last in cues.business_words:
        vote["organization"] += 1
    if len(words) > 1 and last in cues.name_words["product"]:
        vote["product"] += 2
    elif len(words) > 1 and re.sub(r"(?:e?s)$", "", last) in cues.class_nouns["product"] and (
            last not in cues.business_words):  # 'Meta Platforms', 'Analog Devices' are companies
        vote["product"] += 1
    for kind in ("method", "project"):
        if _name_word_at(folded, cues.name_words[kind]) is not None:
            vote[kind] += 2
    if any(_BENCHMARK_SHAPE.search(w) for w in words):
        vote["benchmark"] += 3
    elif len(words) > 1 and _name_word_at(folded, cues.name_words["benchmark"]) is not None:
        vote["benchmark"] += 2
    if _VERSION.search(surface) or surface.endswith("+") or len(words) > 1 and _ROMAN.match(words[-1]):
        vote["product"] += 1
    return vote


def _name_word_at(folded: list[str], names: frozenset[str]) -> int | None:
    """Index of the last word of the name that is (or ends) a listed name word ('central bank')."""
    for position in range(len(folded) - 1, -1, -1):
        for size in (2, 1):
            if position - size + 1 >= 0 and " ".join(folded[position - size + 1:position + 1]) in names:
                return position
    return None


def _shape(cluster: Cluster, hints: Mapping[str, tuple[str, ...]], cues: Cues) -> frozenset[str]:
    """Which context votes a name can take that need a plain shape: person votes need two to four
    Title-case words and no organisation word ('Lisa Su', 'Lars Fruergaard Jørgensen'), place
    votes one to three such words ('Szeged', 'North Carolina'); 'GPT-4' or 'ARC-AGI' after "in"
    is not a place."""
    shapes = set()
    for surface in cluster.surfaces:
        if has_cjk(surface):
            shapes |= {"person"} if "person" in hints.get(surface, ()) else set()
            continue
        words = [w for w in surface.split() if w not in cues.particles]  # 'Ursula von der Leyen'
        plain = all(_PERSON_WORD.match(w) for w in words) and not any(
            w.casefold() in names for w in words for names in (*cues.name_words.values(), cues.business_words))
        if plain and 2 <= len(words) <= 4 and not _head_alone(words, hints):
            shapes.add("person")
        if plain and len(words) <= 3:
            shapes.add(PLACE)
    return frozenset(shapes)


def _head_alone(words: list[str], names: Mapping[str, tuple[str, ...]]) -> bool:
    """'Ionic' is a name of its own and 'Materials' is not: the text shortens 'Ionic Materials'
    to its first word, as it does a company's name; a person is shortened to the surname."""
    return words[0] in names and words[-1] not in names


def _context_votes(text: str, hits: list[Hit], groups: list[list[Hit]], votes: list[Counter],
                   shapes: list[frozenset[str]], named_products: list[bool], cues: Cues) -> None:
    starts = {hit.start for hit in hits}
    size = len(text)
    for group in groups:
        left = _left_type(text, group[0], cues)
        right, programme = _right_type(text, group[-1], cues)
        for member in group:
            vote = votes[member.cluster]
            if member.variant:
                vote["method"] += 2
                continue
            shape = shapes[member.cluster]
            if left and (left not in _SHAPED or left in shape):
                vote[left] += 2
            if right and (right not in _SHAPED or right in shape) and not (
                    programme and named_products[member.cluster]):
                vote[right] += 2
            end = member.end
            first = text[end:end + 1]
            person_shaped = "person" in shape
            if first and (  # what each pattern of _own_evidence needs to begin with, checked first
                    (first.isspace() and (person_shaped or member.start <= 2 or _COPULA_HEAD.match(text, end)))
                    or first == "," or (first in "\"'”’" and text[end + 1:end + 2] == ",")
                    or (member.start <= 2 and first in ":(")):
                for kind, weight in _own_evidence(text, member, starts, cues, person_shaped):
                    if kind and (kind not in _SHAPED or kind in shape):
                        vote[kind] += weight
            if (member.start and text[member.start - 1] >= "\u3040") or (end < size and max(text[end:end + 2]) >= "\u3040"):
                kind = _chinese_context(text, member, cues)  # only where a CJK character may touch the name
                if kind and (kind not in _SHAPED or kind in shape):
                    vote[kind] += 2


def _left_type(text: str, hit: Hit, cues: Cues) -> str | None:
    match = cues.left_match(text[max(0, hit.start - 60):hit.start])
    if match is None or ("," in match.group() and not _CLOSED_APPOSITION.match(text, hit.end)):
        return None
    return match.lastgroup


def _right_type(text: str, hit: Hit, cues: Cues) -> tuple[str | None, bool]:
    """The type the text right after a name gives it, and whether that is a programme noun
    ("the Echo 2 Pro programme"), which does not make a product-shaped name a project."""
    match = cues.right_match(text[hit.end:hit.end + 60])  # anchored at the start: match = search
    if match is None:
        return None, False
    kind = match.lastgroup
    programme = kind == "project" and _singular(match.group().split()[-1].casefold()) in cues.product_programme_nouns
    return kind, programme


def _singular(noun: str) -> str:
    return noun[:-1] if noun.endswith("s") else noun


def _own_evidence(text: str, hit: Hit, starts: set[int], cues: Cues, person_shaped: bool = True
                  ) -> list[tuple[str | None, int]]:
    """Evidence that belongs to this mention alone: a speech verb, an appositive, a bare role
    after a comma (', policy director at'), 'X is a …', a description after it when it leads its
    passage ('Nvidia: The dominant supplier of …').

    Each pattern is anchored and opens with a space, a comma (after at most a quote) or, for a
    lead, a colon or a bracket, so the character after the name rules most of them out. A
    speech verb only says "person", which counts for person-shaped names alone: for others it
    is not looked for.
    """
    after = text[hit.end:hit.end + 160]
    first = after[:1]
    evidence: list[tuple[str | None, int]] = []
    if not first:
        return evidence
    space = first.isspace()
    if space and person_shaped and cues.person_verb.match(after):
        evidence.append(("person", 2))
    if first == "," or first in "\"'”’" and after[1:2] == ",":
        appositive = APPOSITIVE.match(after)
        if appositive and not names_first(appositive, hit.end, starts):
            evidence.append((_class_of(appositive.group(1), cues), 2))
        elif person_shaped and (cues.role_appositive.match(after) or _workplace(after, cues)):
            evidence.append(("person", 2))
    if space and _COPULA_HEAD.match(after):
        copula = _COPULA.match(after)
        if copula:
            evidence.append((_class_of(copula.group(1), cues), 2))
    if hit.start <= 2 and (space or first in ":("):
        lead = _LEAD_DESCRIPTION.match(after)
        if lead:
            evidence.append((_class_of(lead.group(1), cues), 2))
    return evidence


def _workplace(after: str, cues: Cues) -> bool:
    """', senior agronomist at Harrow Materials': a bare job title, then where the person works.
    Not a participle (', based at') nor a class noun of another kind (', supplier at')."""
    match = _WORKPLACE.match(after)
    if match is None:
        return False
    for word in match.group(1).split():
        noun = cues.class_noun.fullmatch(word)
        if word.endswith("ed") or noun is not None and noun.lastgroup != "person":
            return False
    return True


def _chinese_context(text: str, hit: Hit, cues: Cues) -> str | None:
    # Nothing below U+3040 is a CJK character: skip the checks for Latin text around the name.
    if (hit.start == 0 or text[hit.start - 1] < "\u3040") and all(c < "\u3040" for c in text[hit.end:hit.end + 2]):
        return None
    before, after = text[max(0, hit.start - 6):hit.start], text[hit.end:hit.end + 8]
    if not (has_cjk(before[-1:]) or has_cjk(after[:2])):
        return None
    return cues.cjk.context_type(before, after)


def _class_of(description: str, cues: Cues) -> str | None:
    match = cues.class_noun.search(description)
    return match.lastgroup if match else None


def _possessive_votes(text: str, hits: list[Hit], votes: list[Counter]) -> None:
    """'OpenAI's GPT-2', "Google DeepMind's Gemini Ultra roadmap": the owner of a product is an
    organisation, and what an organisation owns by name is most often a product."""
    ordered = sorted(hits, key=BY_START)
    for owner, owned in zip(ordered, ordered[1:]):
        if owner.cluster == owned.cluster or not _POSSESSIVE.match(text[owner.end:owned.start]):
            continue
        if votes[owned.cluster]["product"] > 0 or votes[owned.cluster]["project"] > 0:
            votes[owner.cluster]["organization"] += 2
            votes[owned.cluster]["product"] += 1
        elif votes[owner.cluster]["organization"] > 0 and not votes[owned.cluster]:
            votes[owned.cluster]["product"] += 1


def _sibling_votes(groups: list[list[Hit]], votes: list[Counter]) -> None:
    """A name with no evidence of its own takes the type most of its list-mates have ('launches on
    Atlas V, Vulcan Centaur, Ariane 6 and New Glenn')."""
    for group in groups:
        if len(group) < 2:
            continue
        leading = Counter(_leader(votes[h.cluster]) for h in group if votes[h.cluster])
        if not leading:
            continue
        kind = max(leading, key=lambda k: (leading[k], -TIE_ORDER.index(k)))
        for hit in group:
            if not votes[hit.cluster]:
                votes[hit.cluster][kind] += 1


def _leader(vote: Counter) -> str:
    return max(vote, key=lambda kind: (vote[kind], -TIE_ORDER.index(kind)))
