"""The social rhythm record as it is printed: week by week, every day's five anchor times with
who was there, the week's regularity score, and the chart of the scores.

Read for the printable record (``measures.views.documents.rhythm_record_pdf``) and for the
IPSRT section of the end-of-treatment summary. One query for the whole record.
"""

import datetime
from dataclasses import dataclass

from django.template.loader import render_to_string

from cases.pdf import svg_resource
from measures.rhythm import ANCHORS, DAYS_IN_WEEK, WeekScore
from measures.rhythm_chart import RhythmChart, chart_for, weeks_from
from measures.rhythm_models import SocialRhythmDay

IPSRT = "ipsrt"
# Who was there, as one word in a printed cell ("Present: others there" is the form's label).
COMPANY_WORD = {"alone": "alone", "present": "present", "involved": "involved"}


@dataclass(frozen=True)
class PrintedDay:
    day: datetime.date
    cells: tuple[str, ...]  # one per anchor: "07:30 alone", or "" when not recorded
    recorded: bool


@dataclass(frozen=True)
class PrintedWeek:
    score: WeekScore
    days: tuple[PrintedDay, ...]  # all seven days of the week, recorded or not

    @property
    def start(self) -> datetime.date:
        return self.score.week_start

    @property
    def end(self) -> datetime.date:
        return self.start + datetime.timedelta(days=DAYS_IN_WEEK - 1)


@dataclass(frozen=True)
class RhythmRecord:
    weeks: tuple[PrintedWeek, ...]
    chart: RhythmChart

    @property
    def anchors(self):
        return ANCHORS


def _cell(row: SocialRhythmDay, key: str) -> str:
    time = getattr(row, key)
    if time is None:
        return ""
    company = COMPANY_WORD.get(getattr(row, f"{key}_with"), "")
    return f"{time:%H:%M} {company}".strip()


def _printed_day(day: datetime.date, row: SocialRhythmDay | None) -> PrintedDay:
    if row is None:
        return PrintedDay(day, ("",) * len(ANCHORS), False)
    cells = tuple(_cell(row, anchor.key) for anchor in ANCHORS)
    return PrintedDay(day, cells, any(cells))


def rhythm_record(course) -> RhythmRecord | None:
    """The course's record, oldest week first; None when nothing was ever entered."""
    rows = list(SocialRhythmDay.objects.current().filter(course=course).order_by("day"))
    if not rows:
        return None
    by_day = {row.day: row for row in rows}
    scores = weeks_from(rows)
    weeks = tuple(
        PrintedWeek(
            score,
            tuple(
                _printed_day(day, by_day.get(day))
                for day in (
                    score.week_start + datetime.timedelta(days=n) for n in range(DAYS_IN_WEEK)
                )
            ),
        )
        for score in scores
    )
    return RhythmRecord(weeks, chart_for(scores))


def summary_rhythm(course) -> RhythmRecord | None:
    """The record for the end-of-treatment summary: IPSRT courses only (None otherwise)."""
    return rhythm_record(course) if course.adaptation == IPSRT else None


def chart_resource(record: RhythmRecord) -> dict:
    """The chart as a generated image, ``generated/rhythm.svg`` in the PDF templates."""
    svg = render_to_string("measures/includes/rhythm_chart_svg.html", {"chart": record.chart})
    return {"rhythm.svg": svg_resource(svg)}
