"""The Social Rhythm Metric (SRM-5): five daily anchors, who was there, and the week's
regularity score. Pure: no database.

Scoring follows Monk, Flaherty, Frank, Hoskinson & Kupfer (1990), J Nerv Ment Dis 178:120-126
(the SRM) and Monk, Frank, Potts & Kupfer (2002), J Sleep Res 11:183-190 (the five-item SRM):

- an anchor's habitual time for a week is the mean of the times it was recorded that week;
- a day's time is a *hit* when it lies within 45 minutes of that habitual time (45 included);
- an anchor counts towards the score only when it was recorded on at least 3 days of the week;
- the week's score is the mean number of hits over the anchors that count: 0 (no regularity)
  to 7 (every anchor within 45 minutes of its habitual time every day).

Bed times in the small hours belong to the evening before: a time before noon for "to bed" is
read as that many minutes after midnight (00:30 is 24:30), so 23:30 and 00:30 are an hour
apart, not 23 hours.
"""

import datetime
from dataclasses import dataclass

HIT_WINDOW_MINUTES = 45
MIN_DAYS_FOR_ANCHOR = 3
DAYS_IN_WEEK = 7


@dataclass(frozen=True)
class Anchor:
    key: str
    label: str
    short: str
    late_night: bool = False  # times before noon belong to the night before


ANCHORS: tuple[Anchor, ...] = (
    Anchor("out_of_bed", "Out of bed", "Up"),
    Anchor("first_contact", "First contact with another person", "Contact"),
    Anchor("work_start", "Start of work, school, housework or volunteering", "Work"),
    Anchor("dinner", "Dinner", "Dinner"),
    Anchor("to_bed", "To bed", "Bed", late_night=True),
)
ANCHOR_KEYS = tuple(anchor.key for anchor in ANCHORS)


def minutes(anchor: Anchor, time: datetime.time) -> int:
    """Minutes after the day's midnight, bed times after midnight counted past 24:00."""
    value = time.hour * 60 + time.minute
    if anchor.late_night and value < 12 * 60:
        value += 24 * 60
    return value


@dataclass(frozen=True)
class AnchorWeek:
    anchor: Anchor
    times: tuple[int, ...]  # minutes, one per day the anchor was recorded
    habitual: float | None
    hits: int
    counts: bool  # recorded on enough days to count towards the score

    @property
    def irregular(self) -> bool:
        """Counted, and on time on fewer than half the days it was recorded."""
        return self.counts and self.hits * 2 < len(self.times)

    @property
    def habitual_time(self) -> str:
        if self.habitual is None:
            return ""
        total = round(self.habitual) % (24 * 60)
        return f"{total // 60:02d}:{total % 60:02d}"


@dataclass(frozen=True)
class WeekScore:
    week_start: datetime.date
    anchors: tuple[AnchorWeek, ...]
    days_recorded: int

    @property
    def score(self) -> float | None:
        """Mean hits per counted anchor, 0-7, to one decimal; None if no anchor counts."""
        counted = [a.hits for a in self.anchors if a.counts]
        if not counted:
            return None
        return round(sum(counted) / len(counted), 1)


def score_anchor(anchor: Anchor, times: list[datetime.time]) -> AnchorWeek:
    values = tuple(minutes(anchor, time) for time in times)
    if not values:
        return AnchorWeek(anchor, values, None, 0, False)
    habitual = sum(values) / len(values)
    hits = sum(1 for value in values if abs(value - habitual) <= HIT_WINDOW_MINUTES)
    return AnchorWeek(anchor, values, habitual, hits, len(values) >= MIN_DAYS_FOR_ANCHOR)


def score_week(week_start: datetime.date, days: list[dict]) -> WeekScore:
    """Score one week from its days: each a mapping of anchor key -> time or None."""
    anchors = tuple(
        score_anchor(anchor, [day[anchor.key] for day in days if day.get(anchor.key)])
        for anchor in ANCHORS
    )
    recorded = sum(1 for day in days if any(day.get(key) for key in ANCHOR_KEYS))
    return WeekScore(week_start, anchors, recorded)


def week_start_for(day: datetime.date, first_day: datetime.date) -> datetime.date:
    """The start of the 7-day week ``day`` falls in, weeks counted from ``first_day``."""
    return first_day + datetime.timedelta(days=((day - first_day).days // DAYS_IN_WEEK) * 7)


def parse_time(text: str) -> datetime.time | None:
    """A time as typed quickly: "7", "730", "0730", "7:30", "7.30", "19:05". Raises ValueError."""
    text = text.strip().replace(".", ":").replace("h", ":")
    if not text:
        return None
    if ":" in text:
        hours, _, mins = text.partition(":")
    elif text.isdigit() and len(text) <= 2:
        hours, mins = text, "0"
    elif text.isdigit() and len(text) in (3, 4):
        hours, mins = text[:-2], text[-2:]
    else:
        raise ValueError(text)
    if not (hours.isdigit() and mins.isdigit()):
        raise ValueError(text)
    hour, minute = int(hours), int(mins)
    if hour == 24 and minute == 0:
        hour = 0
    return datetime.time(hour, minute)  # raises ValueError when out of range
