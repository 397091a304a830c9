"""Rupiah, shown the Indonesian way through Babel's `id` locale.

Amounts are whole rupiah held in 64-bit integers; nothing here does arithmetic on them.
"""

from babel.numbers import format_compact_decimal, format_currency, format_decimal

LOCALE = "id"


def rupiah(amount: int) -> str:
    """`1250000` → `Rp1.250.000`; negative amounts keep their sign in front: `-Rp5.000`."""
    return format_currency(int(amount), "IDR", format="¤#,##0", locale=LOCALE, currency_digits=False)


def rupiah_compact(amount: int) -> str:
    """`500_000_000_000` → `Rp500 miliar`, `1_500_000` → `Rp1,5 juta`, for headlines and charts."""
    amount = int(amount)
    words = format_compact_decimal(abs(amount), format_type="long", locale=LOCALE, fraction_digits=1)
    return f"{'-' if amount < 0 else ''}Rp{words}"


def number(value: int | float, *, fraction_digits: int = 0) -> str:
    """Indonesian digit grouping: `1000000` → `1.000.000`, `12.5` → `12,5`."""
    pattern = "#,##0" + ("." + "0" * fraction_digits if fraction_digits else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def percent(value: float, *, fraction_digits: int = 1) -> str:
    """`41.25` (already a percentage) → `41,3%`."""
    return f"{number(value, fraction_digits=fraction_digits)}%"
