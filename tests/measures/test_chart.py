"""The score chart: points by session, bands, caseness lines, events, and a text alternative."""

import datetime

import pytest

from measures.charts import build_chart, session_number_on
from measures.reporting import outcome_report
from tests import factories
from tests.measures.factories import make_response

pytestmark = pytest.mark.django_db


def test_it_places_scores_at_their_session_and_standalone_ones_by_date(course):
    s1 = factories.make_session(course)
    s2 = factories.make_session(course)
    make_response(course, "phq9", 16, on=course.start_date - datetime.timedelta(days=3))
    make_response(course, "phq9", 12, session=s2, on=s2.held_at.date())
    make_response(course, "gad7", 9, on=s1.held_at.date() + datetime.timedelta(days=1))
    chart = outcome_report(course).chart
    phq9, gad7 = chart.series
    assert [(p.session, p.total) for p in phq9.points] == [(0, 16), (2, 12)]
    assert [(p.session, p.total) for p in gad7.points] == [(1, 9)]
    assert phq9.points[0].y > chart.plot_top and phq9.points[0].y < chart.plot_bottom
    # Higher score, higher on the chart (smaller y).
    assert phq9.points[0].y < phq9.points[1].y
    assert (
        "PHQ-9 from 16 (Moderately severe) at session 0 to 12 (Moderate) at session 2"
        in chart.description
    )
    assert [row["session"] for row in chart.rows] == [0, 1, 2]


def test_it_shades_every_phq9_band_and_draws_both_caseness_lines(course):
    chart = build_chart(course, [], [])
    # Named for their measure: the GAD-7 (and EPDS) lines cross bands that are not theirs.
    assert [band["label"] for band in chart.bands] == [
        "PHQ-9 minimal",
        "PHQ-9 mild",
        "PHQ-9 moderate",
        "PHQ-9 moderately severe",
        "PHQ-9 severe",
    ]
    assert sum(band["height"] for band in chart.bands) == pytest.approx(chart.plot_height)
    assert [line["label"] for line in chart.caseness] == [
        "PHQ-9 caseness (10)",
        "GAD-7 caseness (8)",
    ]
    assert not chart.has_scores


def test_it_marks_timeline_events_between_sessions(course):
    s1 = factories.make_session(course)
    chart = build_chart(course, [], [s1], events=[(s1.held_at.date(), "Moved house")])
    assert chart.events[0]["session"] == 1
    assert chart.events[0]["label"] == "Moved house"


def test_it_counts_the_last_session_on_or_before_a_day():
    sessions = [(datetime.date(2026, 1, 5), 1), (datetime.date(2026, 1, 12), 2)]
    assert session_number_on(datetime.date(2026, 1, 4), sessions) == 0
    assert session_number_on(datetime.date(2026, 1, 12), sessions) == 2


def test_it_renders_an_svg_with_a_title_description_and_table(client, therapist, course):
    from django.urls import reverse

    make_response(course, "phq9", 14)
    client.force_login(therapist)
    page = client.get(reverse("measures:course_measures", args=[course.pk])).content.decode()
    assert '<svg viewBox="0 0 640 280"' in page
    assert '<title id="measures-chart-title">PHQ-9 and GAD-7 scores by session</title>' in page
    assert "<caption>Scores as a table</caption>" in page
    assert "style=" not in page.split("<svg")[1].split("</svg>")[0]


def test_it_lists_a_session_s_questionnaires_with_links_back_to_the_session(rf, therapist, course):
    from django.template import Context, Template

    session = factories.make_session(course)
    make_response(course, "phq9", 12, session=session)
    request = rf.get("/sessions/1/edit/")
    request.user = therapist
    html = Template("{% load outcome_panels %}{% session_questionnaires session %}").render(
        Context({"session": session, "request": request})
    )
    assert "PHQ-9</a>: <strong>12</strong> (moderate)" in html
    assert f"instrument=gad7&amp;session={session.pk}&amp;next=/sessions/1/edit/" in html


def test_it_charts_only_phqa_for_adolescents(therapist):
    teen = factories.make_course(therapist=therapist, adaptation="ipt_a")
    from django.utils import timezone

    from measures.services import record_response

    answers = {str(n): "2" for n in range(1, 9)} | {"9": "0"}
    answers |= {"past_year": "yes", "difficulty": "1", "thoughts_month": "no", "attempt_ever": "no"}
    record_response(
        course=teen,
        instrument_code="phqa",
        answers=answers,
        completed_on=timezone.localdate(),
        by=therapist,
    )
    chart = outcome_report(teen).chart
    assert [s.label for s in chart.columns] == ["PHQ-A"]  # the course's own measure only
    assert [p.total for p in chart.series[0].points] == [16]
    assert chart.rows[0]["cells"][0].total == 16
    assert [line["label"] for line in chart.caseness] == ["PHQ-A caseness (11)"]
    assert chart.title == "PHQ-A scores by session"


def test_it_leaves_phqa_out_when_it_was_not_used(course):
    make_response(course, "phq9", 10)
    assert [s.label for s in outcome_report(course).chart.columns] == ["PHQ-9", "GAD-7"]


def test_it_gives_the_timeline_the_phq9_over_time(client, therapist, course):
    from django.urls import reverse

    from measures.timeline import timeline_scores

    assert timeline_scores(course) == ([], "PHQ-9", 27)
    first = make_response(course, "phq9", 18, on=course.start_date)
    make_response(course, "gad7", 9, on=course.start_date)
    points, name, maximum = timeline_scores(course)
    assert (points, name, maximum) == (
        [(first.completed_on, 18, "PHQ-9 18 (moderately severe)")],
        "PHQ-9",
        27,
    )
    client.force_login(therapist)
    html = client.get(reverse("inventory:timeline", args=[course.pk])).content.decode()
    assert "PHQ-9 (0–27)" in html


def test_it_gives_the_timeline_the_epds_for_a_perinatal_course(therapist):
    from django.utils import timezone

    from measures.demo import answers_for
    from measures.services import record_response
    from measures.timeline import timeline_scores

    course = factories.make_course(therapist=therapist, adaptation="perinatal")
    record_response(
        course=course,
        instrument_code="epds",
        answers=answers_for("epds", 14),
        completed_on=timezone.localdate(),
        by=therapist,
    )
    points, name, maximum = timeline_scores(course)
    assert (name, maximum, points[0][1]) == ("EPDS", 30, 14)


def test_it_puts_the_score_chart_with_events_on_the_timeline_page(client, therapist, course):
    from django.urls import reverse

    s1 = factories.make_session(course)
    make_response(course, "phq9", 15, session=s1, on=s1.held_at.date())
    factories.make_event(course, description="Argument with partner", occurred_on=s1.held_at.date())
    client.force_login(therapist)
    html = client.get(reverse("inventory:timeline", args=[course.pk])).content.decode()
    assert 'id="timeline-scores-title"' in html
    assert "Argument with partner" in html.split('id="timeline-scores-title"')[1]


def test_it_leaves_the_score_chart_off_the_timeline_without_scores(client, therapist, course):
    from django.urls import reverse

    client.force_login(therapist)
    html = client.get(reverse("inventory:timeline", args=[course.pk])).content.decode()
    assert "timeline-scores" not in html
