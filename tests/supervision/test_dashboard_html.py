"""The dashboard's course rows, column headers and notes awaiting co-signature are written in
Python (supervision.dashboard_html): byte for byte what the template parts they replaced wrote
(kept beside this test as the references)."""

import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.http import QueryDict
from django.template import Context, RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils.timezone import now as timezone_now

from supervision.dashboard import column_headers
from supervision.dashboard_html import (
    awaiting_html,
    column_headers_html,
    course_rows_html,
    flag_legend_html,
)
from supervision.flags import FLAGS
from supervision.sparkline import sparkline
from tests import factories
from tests.measures.factories import make_flag, make_response

REFERENCE = Template((Path(__file__).parent / "dashboard_rows_reference.html").read_text())


def _reference(rows) -> str:
    return REFERENCE.render(Context({"page": SimpleNamespace(object_list=rows)}))


def _expected(rows) -> str:
    """The rows as the template wrote them, without the reference's first line (a comment)
    and the indent before and the line end after the loop (the page's template keeps them)."""
    text = _reference(rows).split("\n", 1)[1]
    assert text.startswith("    ") and text.endswith("\n")
    return text[4:-1]


def _row(pk, *, name="Ada Lovelace", trainee=False, diary_recent=0, diary_last=None, focal="",
         secondary="", first=None, last=None, scores=(), risk_open=False, risk_level=None,
         links=()):  # fmt: skip
    course = SimpleNamespace(
        pk=pk,
        client=SimpleNamespace(full_name=name, record_number=f"R-{pk}&<1>"),
        diary_recent=diary_recent,
        diary_last=diary_last,
        therapist=SimpleNamespace(display_name=f"Dr {name}", is_trainee=trainee),
        adaptation="test-only",  # one label for every row here: written once per value
        get_adaptation_display=lambda: "Adolescents (IPT-A) & <family>",
        position="Session 3 of 16",
        phase="middle",
        phase_label="Middle",
        risk_open=risk_open,
        risk_level=risk_level,
    )
    outcome = SimpleNamespace(
        depression_first=first,
        depression_last=last,
        depression_label="PHQ-9",
        outcome=SimpleNamespace(summary="Improving: 18 → 9 <fast>"),
    )
    return SimpleNamespace(
        course=course,
        outcome=outcome,
        trend=sparkline(list(scores), label="PHQ-9 <a>") if scores else None,
        focal_area=focal,
        secondary_area=secondary,
        flag_links=list(links),
    )


ROWS = [
    _row(1),
    _row(2, name='O\'Brien "Jo" <b>&', trainee=True, diary_recent=1, focal="Grief"),
    _row(3, diary_recent=4, focal="Role transitions", secondary="Interpersonal DISPUTES & <x>"),
    _row(4, diary_last=datetime.date(2026, 3, 9), first=0, last=0, scores=[0]),
    _row(5, first=18, last=9, scores=[18, 14, 9], risk_open=True, risk_level=3),
    _row(6, first=27, scores=[27, 30, -1, 5], risk_open=True, risk_level=2),
    _row(7, last=4, risk_open=True, risk_level=1),
    _row(8, risk_open=True, risk_level=None),
    _row(9, links=[(FLAGS[1], "/sessions/3/#a&b"), (FLAGS[2], ""), (FLAGS[-1], "/x/?a=1&b=2")]),
]


@pytest.mark.parametrize("count", [0, 1, len(ROWS)])
def test_it_writes_the_rows_as_the_template_did(count):
    rows = ROWS[:count]
    assert course_rows_html(rows) == _expected(rows)


def test_it_writes_every_case_of_a_row_in_the_data_set():
    html = course_rows_html(ROWS)
    for part in ("row--risk", "High", "Moderate", "Assess now", "Trainee", "entry in 2",
                 "entries in 2", "Diary last written 9 Mar", "and interpersonal disputes &amp;",
                 "tag--link", 'title="', "sparkline", "Not chosen", ">None<", "&lt;b&gt;"):  # fmt: skip
        assert part in html, part


@pytest.mark.django_db
def test_it_writes_real_dashboard_rows_as_the_template_did(client, supervisor, therapist):
    quiet = factories.make_course(therapist=therapist)
    flagged = factories.make_course(therapist=therapist)
    make_flag(flagged, level=2)
    make_response(flagged, "phq9", total=20)
    make_response(flagged, "phq9", total=12)
    client.force_login(supervisor)
    response = client.get(reverse("supervision:dashboard"))
    rows = response.context["page"].object_list
    assert {row.course.pk for row in rows} == {quiet.pk, flagged.pk}
    assert course_rows_html(rows) == _expected(rows)
    assert course_rows_html(rows) in response.content.decode()


AWAITING_REFERENCE = Template(
    (Path(__file__).parent / "dashboard_awaiting_reference.html").read_text()
)


def _awaiting_expected(notes) -> str:
    text = AWAITING_REFERENCE.render(Context({"awaiting": notes})).split("\n", 1)[1]
    assert text.startswith("    ") and text.endswith("\n")
    return text[4:-1]


def _note(pk, name, signed_at, number=3):
    return SimpleNamespace(
        pk=pk,
        number=number,
        signed_at=signed_at,
        course=SimpleNamespace(
            client=SimpleNamespace(full_name=name, record_number=f"R-{pk}<&>"),
            therapist=SimpleNamespace(display_name=f"Dr {name}"),
        ),
    )


@pytest.mark.parametrize("time_zone", ["Europe/London", "Pacific/Auckland"])
def test_it_writes_the_notes_awaiting_as_the_template_did(time_zone):
    from django.utils import timezone

    midnight = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)  # BST: 1 July
    notes = [
        _note(1, "Ada Lovelace", midnight),
        _note(2, 'O\'Brien "Jo" <b>&', midnight + datetime.timedelta(days=40), number=12),
        _note(3, "Bea", datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC)),
    ]
    with timezone.override(time_zone):
        for count in (0, 1, 3):
            assert awaiting_html(notes[:count]) == _awaiting_expected(notes[:count])
    assert "&lt;b&gt;" in awaiting_html(notes)


def test_it_writes_every_weekday_and_month_of_a_signature_as_the_template_did():
    start = datetime.datetime(2026, 1, 1, 8, 5, 7, 123, tzinfo=datetime.UTC)
    notes = [_note(n, "Ada", start + datetime.timedelta(days=9 * n)) for n in range(45)]
    assert awaiting_html(notes) == _awaiting_expected(notes)
    assert awaiting_html([_note(1, "Ada", None)]) == _awaiting_expected([_note(1, "Ada", None)])


@pytest.mark.django_db
def test_the_page_shows_the_notes_awaiting_as_the_template_did(client, supervisor):
    trainee = factories.make_therapist(supervisor=supervisor, is_trainee=True)
    course = factories.make_course(therapist=trainee)
    factories.make_session(course, status="signed", signed_at=timezone_now())
    client.force_login(supervisor)
    response = client.get(reverse("supervision:dashboard"))
    notes = response.context["awaiting"]
    assert len(notes) == 1
    assert _awaiting_expected(notes) in response.content.decode()


HEADERS_REFERENCE = Template(
    (Path(__file__).parent / "dashboard_headers_reference.html").read_text()
)


def _headers_expected(columns, query: str) -> str:
    request = RequestFactory().get("/supervision/?" + query)
    text = HEADERS_REFERENCE.render(RequestContext(request, {"columns": columns})).split("\n", 1)[1]
    assert text.startswith("      ") and text.endswith("\n")
    return text[6:-1]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "page=2",
        "sort=-phq9_last&page=2",
        "therapist=3&sort=client&phase=middle",
        "page=3&flag=risk&sort=risk&page=4",
        "sort=a&sort=b&x=1",
        "q=%3Cb%3E%26%22&name=Zo%C3%AB+O%27Brien&empty=&sort=",
        "x=1&x=2&page=&y=%2B",
    ],
)
@pytest.mark.parametrize("sort", ["", "client", "-phq9_last", "flags", "-risk"])
def test_it_writes_the_column_headers_as_the_template_did(query, sort):
    key, descending = sort.removeprefix("-"), sort.startswith("-")
    columns = column_headers(key, descending)
    assert column_headers_html(columns, QueryDict(query)) == _headers_expected(columns, query)


def test_it_renders_the_flag_legend_from_the_pages_partial():
    legend = flag_legend_html()
    assert legend.startswith('<section class="flag-legend"') and legend.endswith("</section>")
    assert all(flag.label.replace("'", "&#x27;") in legend for flag in FLAGS)
