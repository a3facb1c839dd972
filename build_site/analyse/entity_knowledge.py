"""Curated knowledge: what a user knows that the articles do not say (``knowledge.yml``).

Curated entries add aliases (including names in another script: 宁德时代 = CATL), fix a type,
give a description and state relations. They never create an entity on their own: a curated
entity appears in the index only when the corpus mentions one of its names. Every entry is
validated and all problems are reported together, naming the file and the entry.

File shape (see ``knowledge.example.yml`` at the repository root)::

    entities:
      - name: CATL
        type: organization            # optional; one of TYPES
        aliases: [宁德时代, Contemporary Amperex Technology]
        description: Chinese battery maker, the largest by installed capacity.
    relations:
      - {subject: CATL, predicate: competes_with, object: BYD}
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from build_site.analyse.entity_cues import TYPES

PREDICATES = ("develops", "founded_by", "former_staff_of", "competes_with", "part_of", "uses")
_ENTITY_KEYS = frozenset({"name", "type", "aliases", "description"})
_RELATION_KEYS = frozenset({"subject", "predicate", "object"})


@dataclass(frozen=True)
class CuratedEntity:
    name: str
    type: str | None = None
    aliases: tuple[str, ...] = ()
    description: str | None = None


@dataclass(frozen=True)
class CuratedRelation:
    subject: str
    predicate: str
    object: str


@dataclass(frozen=True)
class Knowledge:
    entities: tuple[CuratedEntity, ...] = ()
    relations: tuple[CuratedRelation, ...] = ()


def load_knowledge(path: str | Path) -> Knowledge:
    """Parse and validate a curated-knowledge file; ValueError lists every bad entry."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(f"{path}: not valid YAML: {error}") from error
    if data is None:
        return Knowledge()
    if not isinstance(data, dict) or set(data) - {"entities", "relations"}:
        raise ValueError(f"{path}: expected a mapping with 'entities' and 'relations' lists")
    errors: list[str] = []
    entities = tuple(e for e in (_entity(n, raw, errors) for n, raw in enumerate(_list(data, "entities", errors), 1))
                     if e is not None)
    names = {s for entity in entities for s in (entity.name, *entity.aliases)}
    relations = tuple(r for r in (_relation(n, raw, names, errors)
                                  for n, raw in enumerate(_list(data, "relations", errors), 1)) if r is not None)
    if errors:
        raise ValueError(f"{path}: invalid knowledge file:\n  " + "\n  ".join(errors))
    return Knowledge(entities=entities, relations=relations)


def _list(data: dict, key: str, errors: list[str]) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        errors.append(f"'{key}' must be a list")
        return []
    return value


def _entity(number: int, raw, errors: list[str]) -> CuratedEntity | None:
    where = f"entities[{number}]"
    if not isinstance(raw, dict):
        errors.append(f"{where}: expected a mapping with a 'name'")
        return None
    name = raw.get("name")
    label = f"{where} ({name!r})" if isinstance(name, str) else where
    problems = []
    if not isinstance(name, str) or not name.strip():
        problems.append("'name' must be a non-empty string")
    if set(raw) - _ENTITY_KEYS:
        problems.append(f"unknown key(s) {sorted(set(raw) - _ENTITY_KEYS)} (allowed: {sorted(_ENTITY_KEYS)})")
    kind = raw.get("type")
    if kind is not None and kind not in TYPES:
        problems.append(f"unknown type {kind!r} (expected one of: {', '.join(TYPES)})")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        problems.append("'aliases' must be a list of non-empty strings")
    description = raw.get("description")
    if description is not None and not isinstance(description, str):
        problems.append("'description' must be a string")
    errors.extend(f"{label}: {problem}" for problem in problems)
    if problems:
        return None
    return CuratedEntity(name=name.strip(), type=kind, aliases=tuple(sorted({a.strip() for a in aliases} - {name})),
                         description=description.strip() if description else None)


def _relation(number: int, raw, names: set[str], errors: list[str]) -> CuratedRelation | None:
    where = f"relations[{number}]"
    if not isinstance(raw, dict) or set(raw) != _RELATION_KEYS:
        errors.append(f"{where}: expected exactly the keys subject, predicate, object")
        return None
    problems = []
    if raw["predicate"] not in PREDICATES:
        problems.append(f"unknown predicate {raw['predicate']!r} (expected one of: {', '.join(PREDICATES)})")
    for role in ("subject", "object"):
        if raw[role] not in names:
            problems.append(f"{role} {raw[role]!r} is not the name or alias of an entity in this file")
    errors.extend(f"{where}: {problem}" for problem in problems)
    return None if problems else CuratedRelation(raw["subject"], raw["predicate"], raw["object"])
