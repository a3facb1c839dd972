"""Site settings the generator reads from ``mkdocs.yml`` without importing MkDocs.

``mkdocs.yml`` may hold Python-specific YAML tags (``!!python/name:``, ``!ENV``); they are read
as plain strings, since only ``site_name`` and ``extra.build_site`` matter here.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .parallel import parse_jobs


@dataclass(frozen=True)
class Settings:
    site_name: str = "Source analysis"
    as_of: str | None = None          # extra.build_site.as_of: "today" for the predictions ledger
    jobs: int = 1                     # extra.build_site.jobs: processes (0: one per core)


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that turns any unknown tag into the plain value it wraps."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("", _any_tag)


def load_settings(config_file: Path) -> Settings:
    if not config_file.is_file():
        return Settings()
    data = yaml.load(config_file.read_text("utf-8"), Loader=_TolerantLoader) or {}
    return settings_from_mapping(data)


def settings_from_mapping(data: dict) -> Settings:
    """Settings from a parsed mkdocs.yml (the hook passes MkDocs' own config here)."""
    extra = (data.get("extra") or {}).get("build_site") or {}
    as_of = extra.get("as_of")
    return Settings(site_name=str(data.get("site_name") or Settings.site_name),
                    as_of=str(as_of) if as_of else None, jobs=_jobs(extra.get("jobs", 1)))


def _jobs(value: object) -> int:
    try:
        return parse_jobs(value)
    except ValueError as exc:
        raise ValueError(f"extra.build_site.jobs: {exc}") from None


