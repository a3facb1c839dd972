"""Step 3: merge the accepted surfaces into entities, and name each entity.

Surfaces merge when they are:

* variants: the same up to case, a possessive or a plural acronym ("constitutional AI" /
  "Constitutional AI", "SSMs" / "SSM", "Llama 3+" / "Llama 3");
* declared one by the text: an acronym definition, a bracketed translation or short name, a
  renamed form, or curated knowledge;
* a shorter form that is the distinctive *tail* of exactly one longer name ("Mythos" ->
  "Claude Mythos", "DeepMind" -> "Google DeepMind", "Lilly" -> "Eli Lilly"). A *head* merges only
  when the rest of the longer name is an organisation designator ("Meta" + "AI", "Volkswagen" +
  "Group", 丰田 + 汽车): "Claude" stays apart from "Claude 3 Opus" (a version follows) and "Google"
  from "Google DeepMind" (another name follows). With two or more longer candidates ("Amodei",
  "Claude") nothing merges.

The canonical name is the longest form used at least twice (or the longest, if none is), unless
an acronym is used at least as often as its expansion, or another script strictly more often.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping

from build_site.analyse.entity_cues import Cues
from build_site.analyse.entity_filter import Accepted
from build_site.analyse.entity_knowledge import CuratedEntity, Knowledge
from build_site.analyse.entity_text import has_cjk, is_acronym


@dataclass(frozen=True)
class Cluster:
    """The surfaces of one entity, before it is named."""

    surfaces: tuple[str, ...]
    acronyms: frozenset[str]           # short forms the corpus defines
    curated: CuratedEntity | None = None


def merge_aliases(accepted: Accepted, knowledge: Knowledge | None, cues: Cues) -> tuple[Cluster, ...]:
    """Group the accepted surfaces (and curated names) into entities."""
    curated = knowledge.entities if knowledge else ()
    surfaces = set(accepted.surfaces) | {s for link in accepted.links for s in (link.left, link.right)}
    surfaces |= {s for entity in curated for s in (entity.name, *entity.aliases)}
    groups = _UnionFind(sorted(surfaces))
    _union_variants(groups, surfaces)
    for link in accepted.links:
        groups.union(link.left, link.right)
    for entity in curated:
        for alias in entity.aliases:
            groups.union(entity.name, alias)
    for left, right in _shorter_forms(groups.sets(), cues):
        groups.union(left, right)
    acronyms = frozenset(link.right for link in accepted.links if link.reason == "definition")
    by_name = {s: entity for entity in curated for s in (entity.name, *entity.aliases)}
    clusters = []
    for members in groups.sets():
        entity = next((by_name[s] for s in members if s in by_name), None)
        clusters.append(Cluster(tuple(members), acronyms & frozenset(members), entity))
    return tuple(sorted(clusters, key=lambda c: c.surfaces))


def choose_name(cluster: Cluster, counts: Mapping[str, int]) -> str:
    """The display name: see the module docstring for the rule."""
    if cluster.curated is not None:
        return cluster.curated.name
    forms = _forms(cluster, counts)
    proper = [f for f in forms if not f[2][:1].islower()] or forms
    alternatives = [f for f in proper if f[2] in cluster.acronyms or has_cjk(f[2])]
    longs = [f for f in proper if f not in alternatives]
    best_alternative = max(alternatives, key=lambda f: (f[1], len(f[2]), f[2]), default=None)
    if not longs:
        return best_alternative[2]
    top = max(f[1] for f in longs)
    frequent = [f for f in longs if f[1] >= min(2, top)]
    best_long = max(frequent, key=lambda f: (len(f[2].split()), len(f[2]), f[1], f[2]))
    if best_alternative is not None:
        wins = best_alternative[1] >= best_long[1] if best_alternative[2] in cluster.acronyms else (
            best_alternative[1] > best_long[1])
        if wins:
            return best_alternative[2]
    return best_long[2]


def variant_key(surface: str) -> str:
    """Case, apostrophe style, a plural acronym and a trailing '+' after a version do not count."""
    key = surface.replace("’", "'").casefold()
    key = re.sub(r"(?<=\d)\+$", "", key)
    if is_acronym(surface) and surface.endswith("s"):
        key = key[:-1]
    return key


def _forms(cluster: Cluster, counts: Mapping[str, int]) -> list[tuple[str, int, str]]:
    """(variant key, mentions, most used spelling) for each variant seen in the text."""
    totals: dict[str, int] = defaultdict(int)
    spellings: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for surface in cluster.surfaces:
        if counts.get(surface):
            key = variant_key(surface)
            totals[key] += counts[surface]
            spellings[key].append((counts[surface], surface))
    return [(key, totals[key], max(spellings[key], key=_spelling_rank)[1]) for key in sorted(totals)]


def _spelling_rank(spelling: tuple[int, str]) -> tuple:
    """Singular acronym ('SSM' over 'SSMs'), then the most used, then capitalised."""
    count, surface = spelling
    plural_acronym = is_acronym(surface) and surface.endswith("s")
    return (not plural_acronym, count, surface[:1].isupper(), surface)


def _union_variants(groups: "_UnionFind", surfaces: Iterable[str]) -> None:
    by_key: dict[str, str] = {}
    for surface in sorted(surfaces):
        key = variant_key(surface)
        if key in by_key:
            groups.union(by_key[key], surface)
        else:
            by_key[key] = surface


def _shorter_forms(sets: list[list[str]], cues: Cues) -> list[tuple[str, str]]:
    """Pairs (short, long) where the short form is the tail of exactly one other entity's name,
    or its head followed only by organisation designators."""
    owner = {surface: number for number, members in enumerate(sets) for surface in members}
    extensions: dict[tuple[str, ...], set[int]] = defaultdict(set)
    witness: dict[tuple[tuple[str, ...], int], str] = {}
    for surface, number in owner.items():
        for key in _shortenings(surface, cues):
            extensions[key].add(number)
            witness.setdefault((key, number), surface)
    pairs = []
    for surface, number in sorted(owner.items()):
        key = tuple(surface.split()) if not has_cjk(surface) else (surface,)
        if len(key) == 1 and (cues.never_alone(key[0]) or len(key[0]) < 2):
            continue
        others = extensions.get(key, set()) - {number}
        if len(others) == 1:
            other = others.pop()
            pairs.append((surface, witness[(key, other)]))
    return pairs


def _shortenings(surface: str, cues: Cues) -> list[tuple[str, ...]]:
    """The shorter forms a name may be cited by: its tails (not after a connector: 'India' is not
    'National Payments Corporation of India'), and its head before designators."""
    if has_cjk(surface):
        return [(surface[:-len(suffix)],) for suffix in cues.cjk.organization_suffixes
                if surface.endswith(suffix) and len(surface) - len(suffix) >= 2]
    words = surface.split()
    forms = [tuple(words[start:]) for start in range(1, len(words)) if words[start - 1] not in cues.connectors]
    for end in range(1, len(words)):
        if all(w.casefold() in cues.head_merge_designators for w in words[end:]):
            forms.append(tuple(words[:end]))
    return forms


class _UnionFind:
    """Disjoint sets of surfaces; the smallest surface is each set's root, so results are stable."""

    def __init__(self, items: Iterable[str]):
        self._parent = {item: item for item in items}

    def find(self, item: str) -> str:
        root = item
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[item] != root:
            self._parent[item], item = root, self._parent[item]
        return root

    def union(self, left: str, right: str) -> None:
        if left not in self._parent or right not in self._parent:
            return
        a, b = self.find(left), self.find(right)
        if a != b:
            self._parent[max(a, b)] = min(a, b)

    def sets(self) -> list[list[str]]:
        members: dict[str, list[str]] = defaultdict(list)
        for item in sorted(self._parent):
            members[self.find(item)].append(item)
        return [members[root] for root in sorted(members)]
