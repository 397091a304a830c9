"""The business scale of an enterprise (micro, small, medium, large) from its capital and annual sales."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class Scale(models.TextChoices):
    """Ordered from smallest to largest; ``list(Scale)`` keeps that order."""

    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")


@dataclass(frozen=True)
class Ceiling:
    """The largest capital and annual sales, in whole rupiah and inclusive, that still fit ``scale``."""

    scale: Scale
    capital: int
    annual_sales: int


@dataclass(frozen=True)
class ScaleRule:
    """One version of the thresholds; an enterprise above the last ceiling is large."""

    version: str
    citation: str
    ceilings: tuple[Ceiling, ...]


SCALE_RULES = {
    "PP-7-2021": ScaleRule(
        version="PP-7-2021",
        # Capital excludes the land and buildings of the place of business (art. 35(3)).
        # Marked for translation but kept in English here; pages translate it when they show it.
        citation=gettext_noop("PP 7/2021 art. 35(3) (capital) and art. 35(5) (annual sales)"),
        ceilings=(
            Ceiling(Scale.MICRO, capital=1_000_000_000, annual_sales=2_000_000_000),
            Ceiling(Scale.SMALL, capital=5_000_000_000, annual_sales=15_000_000_000),
            Ceiling(Scale.MEDIUM, capital=10_000_000_000, annual_sales=50_000_000_000),
        ),
    ),
}
CURRENT_RULE = "PP-7-2021"


def scale_compute(
    *, capital: int | None, annual_sales: int | None, rule_version: str = CURRENT_RULE
) -> Scale | None:
    """The smallest scale whose ceiling the enterprise meets on capital *or* on annual sales.

    PP 7/2021 art. 35(1) groups UMKM "by capital or annual sales": meeting either criterion of a class
    is enough, so the smaller of the two readings wins (capital Rp800 juta with sales Rp20 miliar is
    micro). A criterion that is not known is left out; with neither known there is no scale (None).
    Capital is without land and buildings (art. 35(3)); amounts are whole rupiah.
    """
    try:
        rule = SCALE_RULES[rule_version]
    except KeyError:
        raise ValueError(f"Unknown scale rule {rule_version!r}; known: {sorted(SCALE_RULES)}") from None
    if capital is None and annual_sales is None:
        return None
    if (capital is not None and capital < 0) or (annual_sales is not None and annual_sales < 0):
        raise ValueError("Capital and annual sales cannot be negative")
    for ceiling in rule.ceilings:
        if (capital is not None and capital <= ceiling.capital) or (
            annual_sales is not None and annual_sales <= ceiling.annual_sales
        ):
            return ceiling.scale
    return Scale.LARGE
