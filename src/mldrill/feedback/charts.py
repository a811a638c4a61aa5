"""Small, dependency-free SVG charts for the HTML report and the web dashboard.

Three chart shapes cover what mldrill shows (mastery per topic, scores over time, the
balance of theory and coding); a plotting library would add megabytes to the install for
them, so they are drawn here as plain SVG, with a <title> and an aria-label for screen readers.
"""

from __future__ import annotations

from html import escape

WIDTH = 640
BAR_HEIGHT = 22
COLOURS = ("#2b6cb0", "#c05621", "#2f855a", "#6b46c1")


def bar_chart(
    rows: list[tuple[str, float]], title: str, low: float = 0.0, high: float = 100.0, unit: str = ""
) -> str:
    """Horizontal bars, one per (label, value), scaled from ``low`` to ``high``."""
    label_w, pad = 220, 8
    height = pad * 2 + BAR_HEIGHT * max(len(rows), 1) + 20
    parts = [_open(WIDTH, height, title)]
    if not rows:
        parts.append(f'<text x="{pad}" y="{pad + 34}" font-size="13">no data yet</text>')
    span = max(high - low, 1e-9)
    for i, (label, value) in enumerate(rows):
        y = pad + 20 + i * BAR_HEIGHT
        share = min(max((value - low) / span, 0.0), 1.0)
        width = (WIDTH - label_w - 70) * share
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 14}" font-size="12" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<rect x="{label_w}" y="{y + 2}" width="{width:.1f}" height="{BAR_HEIGHT - 6}" '
            f'fill="{COLOURS[0]}"><title>{escape(label)}: {value:.0f}{escape(unit)}</title></rect>'
            f'<text x="{label_w + width + 4:.1f}" y="{y + 14}" font-size="12">'
            f"{value:.0f}{escape(unit)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def line_chart(points: list[tuple[str, float]], title: str, high: float = 100.0) -> str:
    """Values in order (oldest first) on a 0..``high`` scale; the x labels are the first and
    last point's labels."""
    height, left, bottom, top = 220, 40, 30, 28
    parts = [_open(WIDTH, height, title)]
    plot_w, plot_h = WIDTH - left - 10, height - bottom - top
    for tick in (0, 50, 100):
        y = top + plot_h * (1 - tick / 100)
        parts.append(
            f'<line x1="{left}" x2="{WIDTH - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="11" text-anchor="end">'
            f"{tick * high / 100:.0f}</text>"
        )
    if not points:
        parts.append(f'<text x="{left + 8}" y="{top + 40}" font-size="13">no data yet</text>')
    else:
        step = plot_w / max(len(points) - 1, 1)
        xy = [
            (left + i * step, top + plot_h * (1 - min(max(v / high, 0.0), 1.0)))
            for i, (_, v) in enumerate(points)
        ]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{COLOURS[0]}" '
                     'stroke-width="2"/>')  # fmt: skip
        for (x, y), (label, value) in zip(xy, points, strict=True):
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{COLOURS[0]}">'
                         f"<title>{escape(label)}: {value:.0f}</title></circle>")  # fmt: skip
        parts.append(
            f'<text x="{left}" y="{height - 8}" font-size="11">{escape(points[0][0])}</text>'
            f'<text x="{WIDTH - 10}" y="{height - 8}" font-size="11" text-anchor="end">'
            f"{escape(points[-1][0])}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def split_bar(parts_: list[tuple[str, float]], title: str) -> str:
    """One bar split into shares (e.g. coding vs theory minutes), with a legend."""
    total = sum(v for _, v in parts_) or 1.0
    height = 70
    out = [_open(WIDTH, height, title)]
    x = 10.0
    for i, (label, value) in enumerate(parts_):
        width = (WIDTH - 20) * value / total
        colour = COLOURS[i % len(COLOURS)]
        out.append(
            f'<rect x="{x:.1f}" y="24" width="{width:.1f}" height="20" fill="{colour}">'
            f"<title>{escape(label)}: {value:.0f} ({100 * value / total:.0f}%)</title></rect>"
            f'<text x="{10 + i * 200}" y="62" font-size="12" fill="{colour}">'
            f"{escape(label)} {100 * value / total:.0f}%</text>"
        )
        x += width
    out.append("</svg>")
    return "".join(out)


def _open(width: int, height: int, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" style="max-width:100%;height:auto" role="img" '
        f'aria-label="{escape(title)}" '
        f'font-family="system-ui, sans-serif"><title>{escape(title)}</title>'
        f'<text x="8" y="16" font-size="14" font-weight="600">{escape(title)}</text>'
    )
