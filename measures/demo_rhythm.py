"""Demo social rhythm record and mania screens for the IPSRT demo course (seed_demo).

Three weeks of sheets, ending yesterday: late, scattered nights in the first week, steadier in
the second, regular in the third (scores 3.0, 5.6 and 6.6 of 7). PHQ-9 and GAD-7 at the first
and latest session, and two ASRM screens: one below the cut-off, and the latest at 7, so the
"possible mania" flag shows on the demo pages. Written through the services, so each week is audited like one typed in.
"""

import datetime

from django.utils import timezone

from measures.rhythm_services import record_week, week_days, week_token
from measures.services import record_response

# Minutes after or before each anchor's usual time, per week and day (0 = on time).
USUAL = {"out_of_bed": 7 * 60, "first_contact": 8 * 60, "work_start": 9 * 60, "dinner": 19 * 60}
BED = 23 * 60 + 15
DRIFT = [
    # Week 1: two late nights out, lie-ins, meals at odd hours.
    [0, 60, -50, 150, 20, 180, 90],
    # Week 2: one late night, otherwise close.
    [10, -20, 30, 0, 100, 15, 0],
    # Week 3: within half an hour every day.
    [0, 10, -15, 0, 20, 5, 0],
]
COMPANY = {
    "out_of_bed": "alone",
    "first_contact": "involved",
    "work_start": "present",
    "dinner": "involved",
    "to_bed": "present",
}


def _time(total_minutes: int) -> datetime.time:
    total = total_minutes % (24 * 60)
    return datetime.time(total // 60, total % 60)


def _week(start: datetime.date, drift: list[int]) -> list[tuple[datetime.date, dict]]:
    days = []
    for index, shift in enumerate(drift):
        values = {}
        for key, usual in USUAL.items():
            # Work starts on five days of seven; dinner is skipped once in the worst week.
            if key == "work_start" and index >= 5:
                values |= {key: None, f"{key}_with": ""}
                continue
            values |= {key: _time(usual + shift), f"{key}_with": COMPANY[key]}
        values |= {"to_bed": _time(BED + shift), "to_bed_with": COMPANY["to_bed"]}
        days.append((start + datetime.timedelta(days=index), values))
    return days


def seed_rhythm(course, therapist) -> None:
    """Three weeks of sheets and two ASRM screens on ``course`` (once: a course that already
    has a record is left alone)."""
    if course.rhythm_days.exists():
        return
    first = timezone.localdate() - datetime.timedelta(days=21)
    for number, drift in enumerate(DRIFT):
        start = first + datetime.timedelta(days=7 * number)
        seen = week_token(week_days(course, start))
        record_week(course, _week(start, drift), by=therapist, seen=seen)
    held = list(course.sessions.attended().order_by("number"))
    screens = [
        # The course's own depression and anxiety measures, first and latest.
        (held[0], "phq9", "222212110"),
        (held[0], "gad7", "2221211"),
        (held[-1], "phq9", "111111110"),
        (held[-1], "gad7", "1111010"),
        # The mania screen: 3 (below the cut-off), then 7 (positive).
        (held[-3], "asrm", "10101"),
        (held[-1], "asrm", "22111"),
    ]
    for session, code, answers in screens:
        record_response(
            course=course,
            instrument_code=code,
            answers={str(key): value for key, value in enumerate(answers, start=1)},
            completed_on=timezone.localtime(session.held_at).date(),
            by=therapist,
            session=session,
        )
