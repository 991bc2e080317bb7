"""The score chart (``measures.charts.Chart``) drawn as one SVG element, in Python.

It was a template (measures/includes/score_chart_svg.html); drawing ~40 elements through
template tags took about as long as the rest of the course page, so it is written here, to
the byte what the template wrote (tests/measures/test_chart_svg.py keeps the template as the
reference and compares). Every value from the data is HTML-escaped, as the template did.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from measures.charts import EVENT_LABEL_CHARS, Chart


def _f(value) -> str:
    """A coordinate as the template's ``stringformat:".1f"`` wrote it."""
    return "%.1f" % value  # noqa: UP031 (exactly what the filter does)


def score_chart_svg(chart: Chart, chart_id: str = "") -> SafeString:
    """The chart as SVG (presentation attributes only: see ``measures.charts``)."""
    cid = escape(chart_id or "chart")
    left, right, top, bottom = chart.plot_left, chart.plot_right, chart.plot_top, chart.plot_bottom
    height = chart.height
    out = [
        "\n",
        f'  <svg viewBox="0 0 {chart.width} {height}" width="{chart.width}" height="{height}" '
        f'role="img" aria-labelledby="{cid}-title {cid}-desc" xmlns="http://www.w3.org/2000/svg" '
        'font-family="Helvetica, Arial, sans-serif" font-size="11">\n',
        f'    <title id="{cid}-title">{escape(chart.title)}</title>\n',
        f'    <desc id="{cid}-desc">{escape(chart.description)}</desc>\n',
        "    ",
    ]
    for band in chart.bands:
        out.append(
            f'\n    <rect x="{left}" y="{_f(band["y"])}" width="{chart.plot_width}" '
            f'height="{_f(band["height"])}" fill="{escape(band["fill"])}"/>\n'
            f'    <text x="{right - 4}" y="{_f(band["label_y"])}" text-anchor="end" '
            f'fill="#4a5566" font-size="10">{escape(band["label"])}</text>\n    '
        )
    out.append("\n        ")
    for tick in chart.y_ticks:
        y = _f(tick["y"])
        out.append(
            f'\n    <line x1="{left - 4}" x2="{left}" y1="{y}" y2="{y}" stroke="#4a5566"/>\n'
            f'    <text x="{left - 7}" y="{y}" dy="4" text-anchor="end" '
            f'fill="#1d2430">{escape(tick["label"])}</text>\n    '
        )
    out.append("\n    ")
    for tick in chart.x_ticks:
        x = _f(tick["x"])
        out.append(
            f'\n    <line x1="{x}" x2="{x}" y1="{bottom}" y2="{bottom + 4}" stroke="#4a5566"/>\n'
            f'    <text x="{x}" y="{bottom + 16}" text-anchor="middle" '
            f'fill="#1d2430">{escape(tick["label"])}</text>\n    '
        )
    out.append(
        "\n"
        f'    <text x="{left}" y="{height - 6}" fill="#4a5566">Session (A = assessment)</text>\n'
        f'    <line x1="{left}" x2="{left}" y1="{top}" y2="{bottom}" stroke="#1d2430"/>\n'
        f'    <line x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" stroke="#1d2430"/>\n'
        "    "
    )
    for line in chart.caseness:
        y = _f(line["y"])
        out.append(
            f'\n    <line x1="{left}" x2="{right}" y1="{y}" y2="{y}" stroke="#a4161a" '
            f'stroke-width="1.2" stroke-dasharray="{escape(line["dash"])}"/>\n'
            f'    <text x="{escape(line["label_x"])}" y="{y}" dy="{escape(line["dy"])}" '
            f'fill="#a4161a" font-size="10">{escape(line["label"])}</text>\n    '
        )
    out.append("\n    ")
    for event in chart.events:
        x = _f(event["x"])
        label = escape(Truncator(event["label"]).chars(EVENT_LABEL_CHARS))
        out.append(
            f'\n    <line x1="{x}" x2="{x}" y1="{top}" y2="{bottom}" stroke="#8a4fa3" '
            'stroke-dasharray="3 3"/>\n'
            f'    <text x="{x}" y="{top + 10}" dx="3" fill="#6b3a80" '
            f'font-size="10">{label}</text>\n    '
        )
    out.append("\n    ")
    for s in chart.series:
        if not s.points:
            continue
        stroke = escape(s.stroke)
        dash = f'stroke-dasharray="{escape(s.dash)}"' if s.dash else ""
        out.append(
            f'\n    <polyline points="{escape(s.path)}" fill="none" stroke="{stroke}" '
            f'stroke-width="2.5" {dash}/>\n    '
        )
        for p in s.points:
            if s.marker == "circle":
                mark = f'<circle cx="{_f(p.x)}" cy="{_f(p.y)}" r="4.5" fill="{stroke}"/>'
            else:
                mark = (
                    f'<rect x="{_f(p.marker_x)}" y="{_f(p.marker_y)}" width="8" height="8" '
                    f'fill="{stroke}"/>'
                )
            out.append(f"\n    {mark}\n    ")
        out.append("\n    ")
    out.append("\n    ")
    for s in chart.series:
        dash = f' stroke-dasharray="{escape(s.dash)}"' if s.dash else ""
        out.append(
            f'\n    <line x1="{s.legend_x}" x2="{s.legend_x + 26}" y1="{height - 10}" '
            f'y2="{height - 10}" stroke="{escape(s.stroke)}" stroke-width="2.5"{dash}/>\n'
            f'    <text x="{s.legend_x + 31}" y="{height - 6}" '
            f'fill="#1d2430">{escape(s.label)}</text>\n    '
        )
    out.append("\n  </svg>\n")
    return mark_safe("".join(out))  # noqa: S308 (every data value above is escaped)
