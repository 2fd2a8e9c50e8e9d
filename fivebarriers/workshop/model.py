"""The storyboard's shapes: filters, slides, their charts and tiles. Plain
data, no database and no Streamlit; every workshop output (the Present page,
the deck, the handout) reads these."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


class UnknownFilter(ValueError):
    """A filter value that is not in the data; the message names the choices."""


@dataclass(frozen=True)
class Filters:
    place: str | None = None
    barrier: str | None = None
    programme: str | None = None

    def params(self) -> dict[str, str | None]:
        return {"place": self.place, "barrier": self.barrier, "programme": self.programme}


@dataclass(frozen=True)
class FilterOptions:
    """Allowed filter values (id -> display name), in a stable order."""

    places: dict[str, str]
    barriers: dict[str, str]
    programmes: dict[str, str]

    def check(self, filters: Filters) -> None:
        for name, value, allowed in (
            ("place", filters.place, self.places),
            ("barrier", filters.barrier, self.barriers),
            ("programme", filters.programme, self.programmes),
        ):
            if value is not None and value not in allowed:
                shown = ", ".join(list(allowed)[:12]) + (" …" if len(allowed) > 12 else "")
                raise UnknownFilter(f"unknown {name} '{value}': choose one of {shown}")


@dataclass(frozen=True)
class Bar:
    """One bar of a slide chart. `text` is its honest figure in full (tables,
    notes, alt text); `label` is what is drawn beside the bar: the value or
    range alone ("over 550", "100–150"), short enough to read from the back of
    a room in one or two lines, with the unit in the chart's headline."""

    category: str
    value: float | None
    text: str
    role: str  # achieved | expected | not reported | goal | goal low | goal high | invested
    label: str = ""

    @property
    def drawn(self) -> str:
        """The label drawn on the chart: the short one, else the full figure."""
        return self.label or self.text


@dataclass(frozen=True)
class SlideChart:
    headline: str
    subtitle: str
    source: str
    measure: str
    unit: str
    kind: str
    status: str
    target_low: float | None
    target_high: float | None
    bars: tuple[Bar, ...]
    alt_text: str

    @property
    def categories(self) -> list[str]:
        return [b.category for b in self.bars]

    @property
    def values(self) -> list[float | None]:
        return [b.value for b in self.bars]

    @property
    def labels(self) -> list[str]:
        return [b.text for b in self.bars]

    def table(self) -> list[dict[str, str]]:
        return [{"Bar": b.category, "Figure": b.text, "Kind": b.role} for b in self.bars]


@dataclass(frozen=True)
class Tile:
    """A big number on the "in numbers" slide."""

    value: str
    label: str


@dataclass(frozen=True)
class Slide:
    key: str
    kind: str  # title | numbers | barrier | actions | closing
    kicker: str
    title: str
    points: tuple[str, ...]
    source: str
    notes: str
    chart: SlideChart | None = None
    tiles: tuple[Tile, ...] = ()
    barrier_id: str | None = None
    # Each statement on the slide with its own source line, for the notes and
    # the handout: a slide that mixes sources says which fact came from where.
    citations: tuple[tuple[str, str], ...] = ()

    def texts(self) -> list[str]:
        """Every piece of text on the slide and in its notes, for comparing builds."""
        out = [
            self.kicker,
            self.title,
            *self.points,
            *(f"{t.value} {t.label}" for t in self.tiles),
            self.source,
        ]
        if self.chart:
            out += [self.chart.headline, self.chart.subtitle, *self.chart.categories, *self.chart.labels]
        return [*out, self.notes]


@dataclass(frozen=True)
class Storyboard:
    title: str
    focus: str
    filters: Filters
    slides: tuple[Slide, ...] = field(default_factory=tuple)

    def __len__(self) -> int:
        return len(self.slides)

    def texts(self) -> list[str]:
        return [text for slide in self.slides for text in slide.texts()]

    def file_stem(self) -> str:
        parts = [v for v in (self.filters.barrier, self.filters.place, self.filters.programme) if v]
        return "five-barriers" + "".join(f"-{re.sub(r'[^a-z0-9-]+', '-', p.lower())}" for p in parts)
