"""Small charts as SVG text, drawn on the server (pure, no Django): no chart library, no script, so the
page stays light, prints, and works with the network closed (ADR 0040).

`line_chart` draws one polyline per series over the same days, a horizontal grid with round steps, the
first, middle and last day under the axis, and a <title> on every point (the figure on hover and for a
screen reader). Colours are given by the caller; text is escaped here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from html import escape


@dataclass(frozen=True)
class Series:
    label: str
    color: str
    values: tuple[int, ...]


def nice_step(top: int, lines: int = 4) -> int:
    """A round grid step (1, 2, 5 × 10^k) so that `lines` steps cover `top`."""
    if top <= lines:
        return 1
    raw = top / lines
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * power >= raw:
            return int(m * power)
    return int(10 * power)


def line_chart(
    days: list[date], series: list[Series], *, title: str, width: int = 640, height: int = 200
) -> str:
    left, right, top, bottom = 40, 10, 12, 26
    inner_w, inner_h = width - left - right, height - top - bottom
    peak = max([max(s.values, default=0) for s in series] + [1])
    step = nice_step(peak)
    ceiling = step * math.ceil(peak / step)

    def x(i: int) -> float:
        return left + (inner_w * i / max(len(days) - 1, 1))

    def y(v: int) -> float:
        return top + inner_h - inner_h * v / ceiling

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>'
    ]
    for v in range(0, ceiling + 1, step):
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" class="grid"/>'
            f'<text x="{left - 4}" y="{y(v) + 4:.1f}" text-anchor="end" class="tick">{v}</text>'
        )
    for i in sorted({0, len(days) // 2, len(days) - 1}) if days else []:
        anchor = "start" if i == 0 else "end" if i == len(days) - 1 else "middle"  # inside the box
        out.append(
            f'<text x="{x(i):.1f}" y="{height - 8}" text-anchor="{anchor}" class="tick">{days[i]:%d/%m}</text>'
        )
    for s in series:
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(s.values))
        out.append(f'<polyline points="{points}" fill="none" stroke="{escape(s.color)}" stroke-width="2"/>')
        for i, v in enumerate(s.values):
            out.append(
                f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.5" fill="{escape(s.color)}">'
                f"<title>{escape(s.label)} {days[i]:%d/%m}: {v}</title></circle>"
            )
    out.append("</svg>")
    return "".join(out)
