"""The service figures page's per-therapist table is written in Python
(``supervision.templatetags.service_figures.therapist_rows``): byte for byte what the template
loop it replaced drew (kept beside this test as the reference), on several data sets."""

from pathlib import Path

import pytest
from django.template import Context, Template

from accounts.models import User
from cases.models.courses import CourseStatus, EndReason
from supervision.service_counts import EARLY_COUNTS, PERIOD_COUNTS, TherapistFigures

REFERENCE = Template((Path(__file__).parent / "service_table_reference.html").read_text())
PYTHON = Template(
    "{% load service_figures %}    <tbody>\n    {{ therapists|therapist_rows }}\n    </tbody>"
)


def _therapist(pk, first="Tess", last="Hale", active=True, username=""):
    return User(pk=pk, first_name=first, last_name=last, username=username, is_active=active)


def _counts(**counts) -> dict:
    return dict.fromkeys(PERIOD_COUNTS, 0) | counts


def _group(status, reason, ended, counts) -> dict:
    """``PeriodFigures.add``'s row for ``ended`` courses of one status and end reason."""
    row = counts | {"ended": ended}
    if status == CourseStatus.COMPLETED:
        row["completed"] = ended
    else:
        row[EARLY_COUNTS.get(reason, EARLY_COUNTS[""])] = ended
    return row


def _row(therapist, running=(), period=(), maintenance=()) -> TherapistFigures:
    row = TherapistFigures(therapist)
    for status, phase, n in running:
        row.running.count(status, phase, n)
    for figures, groups in ((row.period, period), (row.maintenance, maintenance)):
        for status, reason, ended, counts in groups:
            figures.add(_group(status, reason, ended, counts))
    return row


BUSY = _row(
    _therapist(7),
    running=[
        (CourseStatus.ACTIVE, "initial", 3),
        (CourseStatus.ACTIVE, "middle", 1250),
        (CourseStatus.ACTIVE, "termination", 2),
        (CourseStatus.PLANNED, "initial", 4),
    ],
    period=[
        (
            CourseStatus.COMPLETED,
            "",
            1234,
            _counts(
                finished=1200,
                attended_finished=15001,
                at_caseness=1100,
                recovered=503,
                improved=700,
                improvement_known=1000,
                deteriorated=3,
                deterioration_known=1000,
            ),
        ),
        (CourseStatus.ENDED_EARLY, EndReason.MOVED_AWAY, 2, _counts()),
        (CourseStatus.ENDED_EARLY, EndReason.DROPPED_OUT, 5, _counts(finished=1)),
        (CourseStatus.ENDED_EARLY, "", 1, _counts()),
        (CourseStatus.ENDED_EARLY, "unknown", 1, _counts()),
    ],
    maintenance=[
        (CourseStatus.COMPLETED, "", 3, _counts(finished=3, stayed_well=2, attended_finished=9)),
    ],
)
QUIET = _row(_therapist(8, "Otto", "Lind"), running=[(CourseStatus.ACTIVE, "middle", 1)])
LEFT = _row(
    _therapist(9, "", "", active=False, username="o'brien<&>"),
    period=[(CourseStatus.COMPLETED, "", 1, _counts(finished=1, attended_finished=7))],
)
ODD_NAME = _row(
    _therapist(10, 'Zoë "Z"', "<Smith & Sons>"),
    period=[
        (
            CourseStatus.COMPLETED,
            "",
            3,
            _counts(finished=3, attended_finished=40, at_caseness=1, recovered=1),
        )
    ],
    maintenance=[(CourseStatus.ENDED_EARLY, EndReason.OTHER, 1, _counts())],
)


@pytest.mark.parametrize(
    "therapists",
    [[], [QUIET], [BUSY, QUIET, LEFT, ODD_NAME], [LEFT], [ODD_NAME, BUSY]],
    ids=["none", "one quiet", "four", "one who left", "odd name"],
)
def test_it_writes_the_table_the_template_loop_wrote(therapists):
    expected = REFERENCE.render(Context({"figures": {"therapists": therapists}}))
    assert PYTHON.render(Context({"therapists": therapists})) == expected


def test_it_writes_every_row_it_is_given():
    html = PYTHON.render(Context({"therapists": [BUSY, QUIET, LEFT, ODD_NAME]}))
    assert html.count("<tr>") == 4
    assert "<td>1243</td>" in html  # unlocalised, as the loop wrote them
    assert "<td>12.5</td>" in html  # 15001 sessions over 1200 finished courses
    assert "&lt;Smith &amp; Sons&gt;" in html and "<Smith" not in html
    assert '<span class="tag tag--muted">left</span>' in html
    assert BUSY.period.end_reasons == [
        ("Dropped out", 5),
        ("Moved away", 2),
        ("Not given", 2),  # no reason, and one the app does not know
    ]
