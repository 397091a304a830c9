"""Small server-side SVG charts (bars, columns, lines, progress) that every dashboard reuses.

Each function returns markup that is safe to put in a template: labels are escaped, the chart
carries a <title> and an aria-label so that screen readers announce what it shows, and the
colours come from CSS custom properties so that the charts follow the site's theme.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from sahabat.core.money import number, percent

Formatter = Callable[[float], str]

_PALETTE = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--chart-4)", "var(--chart-5)"]

# Text is drawn at this size in the chart's own units, in a page and in a PDF alike (where no site
# stylesheet sets it), so the room a label needs can be judged here, from the advance widths (in ems) of
# DejaVu Sans, the PDF's face and the widest of the sans-serif faces a browser picks.
FONT_SIZE = 12
_EM_WIDTHS = {
    **dict.fromkeys(" .,:;'!|", 0.32),
    **dict.fromkeys("ijl", 0.28),
    **dict.fromkeys("frt()-/", 0.41),
    **dict.fromkeys("mMW", 0.98),
    "w": 0.82,
}
_EM_WIDTH_UPPER, _EM_WIDTH_OTHER = 0.74, 0.64


def _open_svg(width: int, height: int, title: str, css_class: str) -> str:
    return (
        f'<svg class="chart {css_class}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet" '
        f'font-size="{FONT_SIZE}">'
        f"<title>{escape(title)}</title>"
    )


def _text_width(text: str) -> float:
    return FONT_SIZE * sum(
        _EM_WIDTHS.get(character, _EM_WIDTH_UPPER if character.isupper() else _EM_WIDTH_OTHER)
        for character in text
    )


def _fitted(label: str, room: float) -> str:
    """The label, shortened with an ellipsis when it would run out of its room (the tooltip keeps it whole)."""
    if _text_width(label) <= room:
        return label
    room -= _text_width("\u2026")
    kept = ""
    for character in label:
        if _text_width(kept + character) > room:
            break
        kept += character
    return kept.rstrip() + "\u2026"


def _empty(width: int, height: int, title: str, message: str) -> SafeString:
    return mark_safe(
        _open_svg(width, height, title, "chart-empty")
        + f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" class="chart-muted">{escape(message)}</text></svg>'
    )


def _scale_max(values: Sequence[float]) -> float:
    largest = max(values, default=0)
    return largest if largest > 0 else 1


def bar_chart(
    items: Sequence[tuple[str, float]],
    *,
    title: str,
    value_format: Formatter = number,
    width: int = 640,
    bar_height: int = 22,
    empty_message: str = "",
    label_width: int | None = None,
    value_width: int = 110,
) -> SafeString:
    """Horizontal bars, one per (label, value), for breakdowns such as turnover per zone.

    Labels get a third of the width and values 110 units unless told otherwise; long labels or
    values such as "Rp19,5 juta · 20,8%" need more room than that to stay unclipped.
    """
    if not items:
        return _empty(width, 60, title, empty_message)
    label_width, gap = label_width or int(width * 0.32), 8
    plot_width = width - label_width - value_width
    height = len(items) * (bar_height + gap) + gap
    maximum = _scale_max([value for _, value in items])
    parts = [_open_svg(width, height, title, "chart-bar")]
    for index, (label, value) in enumerate(items):
        y = gap + index * (bar_height + gap)
        length = max(0.0, value) / maximum * plot_width
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_height * 0.7}" text-anchor="end" class="chart-label">'
            f"{escape(_fitted(label, label_width - 6))}</text>"
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" rx="3" fill="{_PALETTE[0]}">'
            f"<title>{escape(label)}: {escape(value_format(value))}</title></rect>"
            f'<text x="{label_width + length + 6:.1f}" y="{y + bar_height * 0.7}" class="chart-value">{escape(value_format(value))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def column_chart(
    items: Sequence[tuple[str, float]],
    *,
    title: str,
    value_format: Formatter = number,
    width: int = 640,
    height: int = 220,
    empty_message: str = "",
) -> SafeString:
    """Vertical columns over a sequence such as hours or days; every label is kept in the tooltip."""
    if not items:
        return _empty(width, 60, title, empty_message)
    top, bottom, left = 12, 28, 4
    plot_height = height - top - bottom
    slot = (width - left) / len(items)
    maximum = _scale_max([value for _, value in items])
    label_every = max(1, len(items) // 12)
    parts = [_open_svg(width, height, title, "chart-column")]
    parts.append(
        f'<line x1="{left}" y1="{top + plot_height}" x2="{width}" y2="{top + plot_height}" class="chart-axis"/>'
    )
    for index, (label, value) in enumerate(items):
        column_height = max(0.0, value) / maximum * plot_height
        x = left + index * slot
        parts.append(
            f'<rect x="{x + slot * 0.12:.1f}" y="{top + plot_height - column_height:.1f}" width="{slot * 0.76:.1f}" '
            f'height="{column_height:.1f}" fill="{_PALETTE[0]}"><title>{escape(label)}: {escape(value_format(value))}</title></rect>'
        )
        if index % label_every == 0:
            parts.append(
                f'<text x="{x + slot / 2:.1f}" y="{height - 8}" text-anchor="middle" class="chart-label">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _runs(points: Sequence[tuple[str, float | None]]) -> list[list[tuple[int, float]]]:
    """(index, value) runs of consecutive points that have a value; a None ends a run."""
    runs: list[list[tuple[int, float]]] = [[]]
    for index, (_, value) in enumerate(points):
        if value is None:
            runs.append([])
        else:
            runs[-1].append((index, value))
    return [run for run in runs if run]


def line_chart(
    series: dict[str, Sequence[tuple[str, float | None]]],
    *,
    title: str,
    value_format: Formatter = number,
    target: float | None = None,
    target_label: str = "",
    width: int = 640,
    height: int = 240,
    empty_message: str = "",
) -> SafeString:
    """One line per named series over shared x labels, with an optional dashed target line.

    A value of None is a gap: no point is drawn there and the line breaks (a month not yet measured).
    """
    if not any(series.values()):
        return _empty(width, 60, title, empty_message)
    top, bottom, left, right = 16, 44, 4, 4
    plot_height, plot_width = height - top - bottom, width - left - right
    labels = next(iter(points for points in series.values() if points))
    values = [value for points in series.values() for _, value in points if value is not None]
    maximum = _scale_max(values + ([target] if target else []))
    step = plot_width / max(1, len(labels) - 1)

    def y_of(value: float) -> float:
        return top + plot_height - max(0.0, value) / maximum * plot_height

    parts = [_open_svg(width, height, title, "chart-line")]
    parts.append(
        f'<line x1="{left}" y1="{top + plot_height}" x2="{width - right}" y2="{top + plot_height}" class="chart-axis"/>'
    )
    if target:
        parts.append(
            f'<line x1="{left}" y1="{y_of(target):.1f}" x2="{width - right}" y2="{y_of(target):.1f}" class="chart-target">'
            f"<title>{escape(target_label)}: {escape(value_format(target))}</title></line>"
        )
    for index, (name, points) in enumerate(series.items()):
        colour = _PALETTE[index % len(_PALETTE)]
        for run in _runs(points):
            coordinates = " ".join(f"{left + i * step:.1f},{y_of(value):.1f}" for i, value in run)
            parts.append(
                f'<polyline points="{coordinates}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
            )
        for i, (label, value) in enumerate(points):
            if value is None:
                continue
            parts.append(
                f'<circle cx="{left + i * step:.1f}" cy="{y_of(value):.1f}" r="3" fill="{colour}">'
                f"<title>{escape(name)} · {escape(label)}: {escape(value_format(value))}</title></circle>"
            )
    label_every = max(1, len(labels) // 8)
    for i, (label, _) in enumerate(labels):
        if i % label_every == 0:
            # The first and last labels sit at the chart's edges: anchored inwards, they are not cut off.
            anchor = "start" if i == 0 else "end" if i == len(labels) - 1 else "middle"
            parts.append(
                f'<text x="{left + i * step:.1f}" y="{top + plot_height + 16}" text-anchor="{anchor}" class="chart-label">{escape(label)}</text>'
            )
    legend_x = left
    for index, name in enumerate(series):
        colour = _PALETTE[index % len(_PALETTE)]
        parts.append(
            f'<rect x="{legend_x}" y="{height - 12}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{legend_x + 14}" y="{height - 3}" class="chart-label">{escape(name)}</text>'
        )
        legend_x += 24 + 7 * len(name)
    parts.append("</svg>")
    return mark_safe("".join(parts))


def progress_bar(
    value: float,
    target: float,
    *,
    title: str,
    value_format: Formatter = number,
    width: int = 640,
    height: int = 34,
) -> SafeString:
    """A bar filled to value/target; past the target it stays full and says so in the text."""
    share = value / target if target > 0 else 0.0
    filled = min(1.0, max(0.0, share)) * width
    caption = f"{value_format(value)} / {value_format(target)} ({percent(share * 100)})"
    return mark_safe(
        _open_svg(width, height, f"{title}: {caption}", "chart-progress")
        + f'<rect x="0" y="0" width="{width}" height="{height}" rx="6" class="chart-track"/>'
        + f'<rect x="0" y="0" width="{filled:.1f}" height="{height}" rx="6" fill="{_PALETTE[1] if share >= 1 else _PALETTE[0]}"/>'
        + f'<text x="10" y="{height * 0.66:.1f}" class="chart-progress-text">{escape(caption)}</text></svg>'
    )
