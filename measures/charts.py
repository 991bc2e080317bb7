"""The score chart of a course: its own measures (the adaptation's measure plan, see
cases.outcomes), geometry computed here, drawn by a template as SVG.

The same chart goes on the course page, the timeline page and into PDFs, so it uses SVG
presentation attributes only (no CSS, no inline styles: the CSP forbids them and WeasyPrint
needs nothing else).
"""

import datetime
from dataclasses import dataclass, field

from django.utils.text import Truncator

from cases.outcomes import ADULT_PLAN, MeasurePlan
from measures import chart_labels, instruments

WIDTH = 640
HEIGHT = 280
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 14, 44

# Light fills for the depression measure's severity bands, lowest to highest; dark enough text
# sits on all.
BAND_FILLS = {0: "#eef7f0", 1: "#f6f8e6", 2: "#fff5dc", 3: "#fde9d9", 4: "#fadcdc"}
SERIES_STYLE = {
    "phq9": {"stroke": "#1f5fa8", "dash": "", "label": "PHQ-9", "marker": "circle"},
    "gad7": {"stroke": "#8a3b00", "dash": "6 4", "label": "GAD-7", "marker": "square"},
    "phqa": {"stroke": "#2e6b4f", "dash": "2 3", "label": "PHQ-A", "marker": "circle"},
    "epds": {"stroke": "#6b3a80", "dash": "2 3", "label": "EPDS", "marker": "square"},
    "smfq": {"stroke": "#2e6b4f", "dash": "", "label": "SMFQ", "marker": "circle"},
}
CASENESS_DASHES = ["2 3", "8 3", "4 2"]
EVENT_LABEL_CHARS = 24  # an event's label on the chart is cut to this (measures.chart_svg)


@dataclass
class Point:
    x: float
    y: float
    session: int
    total: int
    band: str
    date: datetime.date

    @property
    def marker_x(self) -> float:
        return self.x - 4

    @property
    def marker_y(self) -> float:
        return self.y - 4


@dataclass
class Series:
    code: str
    label: str
    stroke: str
    dash: str
    marker: str
    points: list[Point] = field(default_factory=list)
    legend_x: int = 0

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass
class Chart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    series: list[Series]
    bands: list[dict]
    caseness: list[dict]
    x_ticks: list[dict]
    y_ticks: list[dict]
    events: list[dict]
    rows: list[dict]
    description: str
    y_max: int = 27

    @property
    def columns(self) -> list["Series"]:
        """The table's score columns: the course's own measures, and any other used."""
        return self.series

    @property
    def title(self) -> str:
        labels = [s.label for s in self.series]
        names = ", ".join(labels[:-1]) + f" and {labels[-1]}" if len(labels) > 1 else labels[0]
        return f"{names} scores by session"

    @property
    def plot_width(self) -> int:
        return self.plot_right - self.plot_left

    @property
    def plot_height(self) -> int:
        return self.plot_bottom - self.plot_top

    @property
    def has_scores(self) -> bool:
        return any(s.points for s in self.series)


def session_number_on(day: datetime.date, attended: list[tuple[datetime.date, int]]) -> int:
    """The number of the last attended session held on or before ``day`` (0 before the first)."""
    number = 0
    for held_on, session_number in attended:
        if held_on <= day:
            number = max(number, session_number)
    return number


def build_chart(
    course, responses, attended_sessions, events=(), plan: MeasurePlan = ADULT_PLAN
) -> Chart:
    """Lay out a course's totals by session number: the measures of its ``plan`` always (an
    empty one says "no scores yet"), any other charted measure when it was used.

    ``attended_sessions`` are the course's attended sessions (for placing a questionnaire taken
    outside a session); ``events`` are (date, label) pairs marked as vertical lines. The bands
    are the plan's depression measure's; each measure of the plan gets its caseness line.
    """
    attended = sorted(
        (timezone_date(s.held_at or s.scheduled_for), s.number)
        for s in attended_sessions
        if s.number
    )
    placed = []
    for response in responses:
        if response.instrument not in SERIES_STYLE:
            continue
        if response.session_id and response.session.number:
            number = response.session.number
        else:
            number = session_number_on(response.completed_on, attended)
        placed.append((number, response))

    last_session = max(
        [n for n, _ in placed] + [n for _, n in attended] + [course.planned_sessions]
    )
    used = {response.instrument for _, response in placed}
    codes = list(plan.codes) + [c for c in SERIES_STYLE if c in used and c not in plan.codes]
    depression = instruments.get(plan.depression)
    y_max = max(instruments.get(code).max_total for code in codes)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def x_of(number: float) -> float:
        return LEFT + plot_w * number / max(last_session, 1)

    def y_of(total: float) -> float:
        return TOP + plot_h * (1 - total / y_max)

    series = []
    for index, code in enumerate(codes):
        style = SERIES_STYLE[code]
        s = Series(code, style["label"], style["stroke"], style["dash"], style["marker"])
        s.legend_x = LEFT + 200 + 110 * index
        for number, response in placed:
            if response.instrument == code:
                s.points.append(
                    Point(
                        x_of(number),
                        y_of(response.total),
                        number,
                        response.total,
                        response.band,
                        response.completed_on,
                    )
                )
        series.append(s)

    def top_of(band) -> int:
        return band.high + 1 if band.high < depression.max_total else depression.max_total

    bands = [
        {
            "y": y_of(top_of(band)),
            "height": y_of(band.low) - y_of(top_of(band)),
            "fill": BAND_FILLS[band.level],
            # Named: the other measures' lines cross these bands, which are not theirs.
            "label": f"{depression.short_name} {band.label.lower()}",
            "label_y": y_of((band.low + top_of(band)) / 2) + 4,
        }
        for band in depression.bands
    ]
    caseness = []
    for index, code in enumerate(plan.codes):
        instrument = instruments.get(code)
        caseness.append(
            {
                "y": y_of(instrument.caseness),
                "label": f"{instrument.short_name} caseness ({instrument.caseness})",
                "dash": CASENESS_DASHES[index % len(CASENESS_DASHES)],
                "dy": -3 if index % 2 == 0 else 11,
                # Labels side by side, so close cut-offs (EPDS 13, PHQ-9 10) stay readable.
                "label_x": LEFT + 4 + 190 * index,
            }
        )
    step = 1 if last_session <= 20 else 2
    x_ticks = [
        {"x": x_of(n), "label": "A" if n == 0 else str(n)} for n in range(0, last_session + 1, step)
    ]
    y_ticks = [{"y": y_of(v), "label": str(v)} for v in (0, 5, 10, 15, 20, y_max)]
    event_marks = []
    for day, label in events:
        number = session_number_on(day, attended)
        event_marks.append(
            {"x": x_of(number + 0.5), "label": label, "date": day, "session": number}
        )

    _place_labels(series, bands, caseness, event_marks)
    rows = _table_rows(placed)
    for row in rows:
        row["cells"] = [row["scores"].get(s.code) for s in series]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_top=TOP,
        plot_bottom=HEIGHT - BOTTOM,
        series=series,
        bands=bands,
        caseness=caseness,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        events=event_marks,
        rows=rows,
        description=_describe(series),
        y_max=y_max,
    )


def _place_labels(series, bands, caseness, events) -> None:
    """Keep the bands' and caseness lines' names off the scores (``measures.chart_labels``)."""
    plot = (LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM)
    obstacles = chart_labels.Obstacles()
    chart_labels.add_series(obstacles, series)
    for mark in events:
        obstacles.add_line((mark["x"], TOP, mark["x"], HEIGHT - BOTTOM), 1.0)
        label = Truncator(mark["label"]).chars(EVENT_LABEL_CHARS)
        obstacles.add_box(chart_labels.text_box(mark["x"] + 3, TOP + 10, label))
    # The band names avoid the caseness lines too; the boxes list is shared, so the caseness
    # names then avoid the band names placed.
    for_bands = obstacles.copy()
    for line in caseness:
        # Clear of the text by a few pixels, or the line looks as if it strikes it.
        for_bands.add_line((LEFT, line["y"], WIDTH - RIGHT, line["y"]), 3.0)
    chart_labels.place_band_labels(bands, for_bands, WIDTH - RIGHT)
    chart_labels.place_caseness_labels(caseness, obstacles, plot)


def timezone_date(moment) -> datetime.date:
    from django.utils import timezone

    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def _table_rows(placed) -> list[dict]:
    rows: dict[tuple, dict] = {}
    for number, response in placed:
        key = (response.completed_on, number)
        row = rows.setdefault(key, {"date": response.completed_on, "session": number, "scores": {}})
        row["scores"][response.instrument] = response
    return [rows[key] for key in sorted(rows)]


def _describe(series: list[Series]) -> str:
    parts = []
    for s in series:
        if not s.points:
            parts.append(f"no {s.label} scores yet")
            continue
        first, last = s.points[0], s.points[-1]
        if len(s.points) == 1:
            parts.append(f"{s.label} {first.total} ({first.band}) at session {first.session}")
        else:
            parts.append(
                f"{s.label} from {first.total} ({first.band}) at session {first.session} "
                f"to {last.total} ({last.band}) at session {last.session}"
            )
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."
