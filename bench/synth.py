"""Deterministic synthetic seed corpora in the style of real news and analysis articles.

    python bench/synth.py --docs 100 --out DIR --seed 1

Each document is drawn from its own RNG, seeded by ``(seed, index)``, so the same
arguments always give byte-identical files and a corpus of 100 documents is the first
100 documents of the corpus of 1,000 (sizes compare like with like). A document has a
title line, bare-line headings, paragraphs, bulleted and numbered lists, pipe tables,
``Label:`` call-outs, entities drawn from a pool of thousands (with a long tail, so some
recur across documents), dates and quantities in many written forms, and, in some
documents, Chinese paragraphs (Simplified and Traditional), a Chinese FAQ and a
publisher's blurb at the end. Lengths are 600-2,500 words (see :func:`word_count`).
Standard library only.
"""
from __future__ import annotations

import argparse
import math
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):   # run as a script: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import pools  # noqa: E402

MIN_WORDS = 600
MAX_WORDS = 2500
_BODY_TARGET_MAX = 1800      # the body stops growing here; a section and the tail stay below MAX_WORDS
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_LATIN_WORD = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class SeedFile:
    name: str
    text: str


@dataclass(frozen=True)
class Cast:
    """The entities one document talks about (most documents mention a dozen or two)."""
    orgs: tuple[str, ...]
    products: tuple[str, ...]
    people: tuple[str, ...]
    benchmarks: tuple[str, ...]
    acronyms: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class NamePool:
    """Every organisation and person name the corpus can use, most frequent first."""
    orgs: tuple[str, ...]
    people: tuple[str, ...]

    @classmethod
    def build(cls) -> "NamePool":
        return cls(orgs=_interleave(pools.ORG_HEADS, pools.ORG_TAILS),
                   people=_interleave(pools.FIRST_NAMES, pools.LAST_NAMES))


def _interleave(firsts: tuple[str, ...], seconds: tuple[str, ...]) -> tuple[str, ...]:
    """Every ``first second`` pair, in a fixed order that is not alphabetical, so the first
    (most frequent) names differ in both parts."""
    pairs = [f"{firsts[(i * 7) % len(firsts)]} {seconds[(i * 11 + i // len(firsts)) % len(seconds)]}"
             for i in range(len(firsts) * len(seconds))]
    every = dict.fromkeys(pairs)
    every.update(dict.fromkeys(f"{a} {b}" for a in firsts for b in seconds))   # any pair the walk missed
    return tuple(every)


@dataclass(frozen=True)
class Layout:
    """Which optional parts a document has; fixed by its index so every corpus of ten or
    more documents has each of them, and varied enough to look like a real mix."""
    chinese_title: bool
    simplified: bool
    traditional: bool
    faq: bool
    blurb: bool
    published_line: bool

    @classmethod
    def for_index(cls, index: int) -> "Layout":
        faq = index % 7 == 3
        return cls(
            chinese_title=index % 11 == 5, simplified=index % 5 == 2, traditional=index % 5 == 4 or faq,
            faq=faq, blurb=index % 3 == 0 and not faq, published_line=index % 4 == 1,
        )


def word_count(text: str) -> int:
    """Latin-script words (tokens with a letter or digit) plus half the CJK characters
    (a Chinese word is about two characters)."""
    latin = sum(1 for token in text.split() if _LATIN_WORD.search(token) and not _CJK.search(token))
    return latin + len(_CJK.findall(text)) // 2


def generate(count: int, seed: int) -> list[SeedFile]:
    """The corpus: ``count`` documents, the same for the same ``(count, seed)``."""
    names = NamePool.build()
    return [synth_document(seed, index, names) for index in range(count)]


def synth_document(seed: int, index: int, names: NamePool) -> SeedFile:
    rng = random.Random(f"bench-synth:{seed}:{index}")
    name = f"{index:04d}_{rng.getrandbits(64):016x}.txt"
    year = rng.randint(2019, 2026)
    cast = draw_cast(rng, names)
    fill = SlotFiller(rng, cast, year)
    layout = Layout.for_index(index)
    target = min(_BODY_TARGET_MAX, max(MIN_WORDS, round(rng.lognormvariate(math.log(1150), 0.35))))
    blocks = _document_blocks(fill, layout, target)
    return SeedFile(name, "\n\n".join(blocks) + "\n")


def write_corpus(out: Path, count: int, seed: int) -> list[Path]:
    """Write the corpus into ``out`` (created if needed); refuses a folder with other files."""
    files = generate(count, seed)
    out.mkdir(parents=True, exist_ok=True)
    ours = {f.name for f in files}
    strangers = sorted(p.name for p in out.iterdir() if p.name not in ours)
    if strangers:
        raise FileExistsError(f"{out} holds other files ({', '.join(strangers[:3])}...); use an empty folder")
    paths = []
    for seed_file in files:
        path = out / seed_file.name
        path.write_bytes(seed_file.text.encode("utf-8"))
        paths.append(path)
    return paths


# -- Document layout ---------------------------------------------------------------------

def _document_blocks(fill: "SlotFiller", layout: Layout, target: int) -> list[str]:
    blocks = [_title(fill, layout)]
    if layout.published_line:
        blocks.append(f"Published: {fill['date']}")
    blocks += [_paragraph(fill) for _ in range(2)]
    words, sections = word_count("\n".join(blocks)), 0
    while words < target:
        section = _section(fill, layout, first=sections == 0)
        blocks += section
        words, sections = words + word_count("\n".join(section)), sections + 1
    if layout.faq:
        blocks += _chinese_faq(fill)
    if layout.blurb:
        blocks += [fill.format(t) for t in fill.rng.sample(pools.BLURBS, fill.rng.randint(1, 2))]
    return blocks


def _title(fill: "SlotFiller", layout: Layout) -> str:
    templates = pools.ZH_TITLES if layout.chinese_title else pools.TITLES
    return fill.format(fill.rng.choice(templates))


def _section(fill: "SlotFiller", layout: Layout, first: bool) -> list[str]:
    """A heading, paragraphs, and some of: lists, a table, call-outs, Chinese paragraphs.
    The first section of a document has every likely part (the Chinese paragraphs of a
    document that has them, among others), so small corpora still have each feature."""
    rng = fill.rng
    blocks = [fill.format(rng.choice(pools.HEADINGS)), _paragraph(fill)]
    extras = [
        (0.35, lambda: _bullet_list(fill)), (0.2, lambda: _numbered_list(fill)),
        (0.3, lambda: [_table(fill)]), (0.3, lambda: [fill.format(rng.choice(pools.CALLOUTS))]),
        (0.25, lambda: [fill.format(pools.RECURRING_CALLOUT)]),
        (0.5 if layout.simplified else 0.0, lambda: [_chinese_paragraph(fill, pools.ZH_HANS_SENTENCES)]),
        (0.4 if layout.traditional else 0.0, lambda: [_chinese_paragraph(fill, pools.ZH_HANT_SENTENCES)]),
    ]
    for probability, make in extras:
        if rng.random() < probability or (first and probability >= 0.4):
            blocks += make()
        if rng.random() < 0.6:
            blocks.append(_paragraph(fill))
    return blocks


def _paragraph(fill: "SlotFiller") -> str:
    templates = fill.rng.sample(pools.SENTENCES, fill.rng.randint(3, 6))
    return " ".join(fill.format(t) for t in templates)


def _chinese_paragraph(fill: "SlotFiller", sentences: tuple[str, ...]) -> str:
    return "".join(fill.format(t) for t in fill.rng.sample(sentences, fill.rng.randint(2, 4)))


def _bullet_list(fill: "SlotFiller") -> list[str]:
    rng = fill.rng
    marker = rng.choice(("-", "*", "•"))
    items = [f"{marker} {fill.format(t)}" for t in rng.sample(pools.LIST_ITEMS, rng.randint(3, 6))]
    intro = rng.choice(("The Direct Competitors:", "Key players to watch:", "What changed:"))
    return [intro + "\n" + "\n".join(items)]


def _numbered_list(fill: "SlotFiller") -> list[str]:
    rng = fill.rng
    templates = [rng.choice(pools.NUMBERED_ITEMS) for _ in range(rng.randint(3, 5))]
    items = [f"{n}. {fill.format(t)}" for n, t in enumerate(templates, start=1)]
    return ["Our predictions:", "\n\n".join(items)]


def _table(fill: "SlotFiller") -> str:
    rng = fill.rng
    kind = rng.randrange(len(pools.TABLE_HEADERS))
    header = [fill.format(cell) for cell in pools.TABLE_HEADERS[kind]]
    rows = [_table_row(fill, kind) for _ in range(rng.randint(3, 6))]
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def _table_row(fill: "SlotFiller", kind: int) -> list[str]:
    slots = {0: ("score", "money", "quarter"), 1: ("params", "tokens", "period"),
             2: ("process", "memory", "power", "half")}[kind]     # the columns of pools.TABLE_HEADERS[kind]
    return [fill["org_full"], fill["product"], *(fill[slot] for slot in slots)]


def _chinese_faq(fill: "SlotFiller") -> list[str]:
    rng = fill.rng
    blocks = [rng.choice(pools.ZH_FAQ_HEADINGS)]
    for question in rng.sample(pools.ZH_FAQ_QUESTIONS, rng.randint(2, 4)):
        blocks += [fill.format(question), fill.format(rng.choice(pools.ZH_FAQ_ANSWERS))]
    return blocks


# -- Entities -----------------------------------------------------------------------------

def _skewed(rng: random.Random, size: int) -> int:
    """An index in ``range(size)`` where low indexes are far more likely (a long tail)."""
    return min(size - 1, int(size * rng.random() ** 3))


def _pick(rng: random.Random, pool: tuple[str, ...] | list[str], count: int) -> tuple[str, ...]:
    chosen: list[str] = []
    while len(chosen) < count:
        item = pool[_skewed(rng, len(pool))]
        if item not in chosen:
            chosen.append(item)
    return tuple(chosen)


def _product(rng: random.Random) -> str:
    line = pools.PRODUCT_LINES[_skewed(rng, len(pools.PRODUCT_LINES))]
    variant = rng.choice(pools.PRODUCT_VARIANTS)
    name = f"{line}-{rng.randint(1, 9)}" if rng.random() < 0.6 else f"{line} {rng.randint(2, 12)}"
    return f"{name} {variant}".strip()


def draw_cast(rng: random.Random, names: NamePool) -> Cast:
    return Cast(
        orgs=_pick(rng, names.orgs, rng.randint(3, 7)),
        products=tuple(dict.fromkeys(_product(rng) for _ in range(rng.randint(3, 6)))),
        people=_pick(rng, names.people, rng.randint(2, 6)),
        benchmarks=_pick(rng, pools.BENCHMARKS, rng.randint(2, 4)),
        acronyms=tuple(rng.sample(pools.ACRONYMS, rng.randint(1, 3))),
    )


class SlotFiller:
    """Fills ``{slot}`` fields; every occurrence of a slot draws a fresh value.

    Used as the mapping of :meth:`str.format_map`, which looks fields up left to right, so
    the draws (and the text) are deterministic.
    """

    def __init__(self, rng: random.Random, cast: Cast, year: int) -> None:
        self.rng = rng
        self.cast = cast
        self.year = year
        self._mentioned: set[str] = set()

    def format(self, template: str) -> str:
        return template.format_map(self)

    def __getitem__(self, slot: str) -> str:
        if slot in pools.QUANTITIES:   # {money}, {tokens}, {power}...
            return self.quantity(slot)
        return getattr(self, f"_slot_{slot}")()

    # entities
    def _slot_org_full(self) -> str:
        return self.rng.choice(self.cast.orgs)

    def _slot_org(self) -> str:
        """The full name at first mention, then sometimes the short name (``Nordwind``)."""
        name = self._slot_org_full()
        if name in self._mentioned and self.rng.random() < 0.4:
            return name.split()[0]
        self._mentioned.add(name)
        return name

    _slot_org2 = _slot_org

    def _slot_org_s(self) -> str:
        return self._slot_org() + "'s"

    def _slot_product(self) -> str:
        return self.rng.choice(self.cast.products)

    _slot_product2 = _slot_product

    def _slot_person(self) -> str:
        return self.rng.choice(self.cast.people)

    def _slot_role(self) -> str:
        return self.rng.choice(pools.ROLES)

    def _slot_bench(self) -> str:
        return self.rng.choice(self.cast.benchmarks)

    def _slot_acro(self) -> str:
        return self.rng.choice(self.cast.acronyms)[0]

    def _slot_acro_full(self) -> str:
        short, expansion = self.rng.choice(self.cast.acronyms)
        return f"{expansion} ({short})"

    def _slot_topic(self) -> str:
        return self.rng.choice(pools.TOPICS)

    def _slot_topic_zh(self) -> str:
        return self.rng.choice(pools.ZH_TOPICS)

    def _slot_publisher(self) -> str:
        return self.rng.choice(pools.PUBLISHERS)

    def _slot_label(self) -> str:
        return self.rng.choice(pools.NUMBERED_LABELS)

    # dates: around the document's own year
    def _year(self, spread: int = 3) -> int:
        return self.year + self.rng.randint(-spread, spread)

    def _slot_year(self) -> str:
        return str(self._year())

    def _slot_date(self) -> str:
        year, month, day = self._year(), self.rng.randint(1, 12), self.rng.randint(1, 28)
        long_name, short_name = pools.MONTHS[month - 1]
        forms = (f"{year}-{month:02d}-{day:02d}", f"{short_name} {day}, {year}",
                 f"{day} {long_name} {year}", f"{long_name} {day}, {year}")
        return self.rng.choice(forms)

    def _slot_quarter(self) -> str:
        return f"Q{self.rng.randint(1, 4)} {self._year()}"

    def _slot_quarter2(self) -> str:
        return f"Q{self.rng.randint(1, 4)} {self.year + self.rng.randint(1, 3)}"

    def _slot_half(self) -> str:
        return f"H{self.rng.randint(1, 2)} {self._year()}"

    def _slot_fiscal(self) -> str:
        return self.rng.choice(("FY{}", "FY{}", "fiscal {}")).format(self._year())

    def _slot_period(self) -> str:
        year, quarter, half = self._year(), self.rng.randint(1, 4), self.rng.randint(1, 2)
        month = pools.MONTHS[self.rng.randrange(12)][0]
        return self.rng.choice((f"early {year}", f"mid-{year}", f"late {year}", f"Q{quarter} {year}",
                                f"H{half} {year}", f"{month} {year}"))

    def _slot_decade(self) -> str:
        return self.rng.choice(("the 1990s", "the 2000s", "the 2010s", "the 2010s"))

    def _slot_between(self) -> str:
        start = self._year()
        return f"between {start} and {start + self.rng.randint(1, 4)}"

    def _slot_deadline(self) -> str:
        year, quarter = self.year + self.rng.randint(1, 8), self.rng.randint(1, 4)
        return self.rng.choice((f"by {year}", "by 2030", f"by the end of {year}", f"by Q{quarter} {year}"))

    def _slot_within(self) -> str:
        return f"within {self.rng.choice((3, 6, 6, 9, 12, 18, 24))} months"

    def _slot_zh_date(self) -> str:
        year, month = self._year(), self.rng.randint(1, 12)
        return self.rng.choice((f"{year}年{month}月", f"{year}年{month}月{self.rng.randint(1, 28)}日", f"{year}年"))

    def _slot_zh_relative(self) -> str:
        return self.rng.choice(pools.ZH_RELATIVE_HANS)

    def _slot_zh_relative_hant(self) -> str:
        return self.rng.choice(pools.ZH_RELATIVE_HANT)

    # numbers
    def _slot_score(self) -> str:
        return f"{self.rng.uniform(35, 99):.1f}"

    def _slot_pct(self) -> str:
        return self.rng.choice(("{} percent", "{}%")).format(self.rng.randint(3, 95))

    def _slot_multiple(self) -> str:
        return f"{self.rng.uniform(1.2, 9):.1f}x"

    def _slot_zh_tokens(self) -> str:
        return f"{self.rng.randint(2, 40)}万亿个token"

    def _slot_zh_tokens_hant(self) -> str:
        return f"{self.rng.randint(2, 40)}萬億個token"

    def _slot_zh_money(self) -> str:
        return f"{self.rng.randint(3, 900)}亿美元"

    def _slot_zh_money_hant(self) -> str:
        return f"{self.rng.randint(3, 900)}億美元"

    def _slot_zh_pct(self) -> str:
        return str(self.rng.randint(5, 95))

    def quantity(self, kind: str) -> str:
        template, low, high, decimals = self.rng.choice(pools.QUANTITIES[kind])
        value = round(self.rng.uniform(low, high), decimals)
        return template.format(n=int(value) if decimals == 0 else value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/synth.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, required=True, help="number of documents")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the .txt seeds into")
    parser.add_argument("--seed", type=int, default=1, help="RNG seed (default 1)")
    args = parser.parse_args(argv)
    paths = write_corpus(args.out, args.docs, args.seed)
    print(f"synth: {len(paths)} documents written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
