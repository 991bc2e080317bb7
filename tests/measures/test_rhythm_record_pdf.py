"""The social rhythm record on paper: its own printable PDF, and the IPSRT summary's attachment."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from cases.models.courses import CourseStatus
from measures.rhythm_record import rhythm_record
from measures.rhythm_services import record_week, week_days, week_token
from tests import factories
from tests.measures.test_documents import pdf_text

pytestmark = pytest.mark.django_db

FIRST = timezone.localdate() - datetime.timedelta(days=27)


def _day(up="07:30", bed="23:30") -> dict:
    t = datetime.time.fromisoformat
    return {
        "out_of_bed": t(up),
        "out_of_bed_with": "alone",
        "first_contact": t("08:00"),
        "first_contact_with": "involved",
        "work_start": t("09:00"),
        "work_start_with": "present",
        "dinner": t("19:00"),
        "dinner_with": "involved",
        "to_bed": t(bed),
        "to_bed_with": "present",
    }


def _save(course, by, start, days):
    dated = [(start + datetime.timedelta(days=n), values) for n, values in enumerate(days)]
    record_week(course, dated, by=by, seen=week_token(week_days(course, start)))


@pytest.fixture
def ipsrt(therapist):
    """Three weeks worked out by hand.

    Week 1: every anchor at the same time every day: 7 hits each, score 7.0.
    Week 2: two days only: no anchor reaches 3 days, so the week is not scored.
    Week 3: up at 07:00 on six days and 10:00 on one (usual 07:26; 10:00 is a miss), the other
    anchors on time: (6 + 7 + 7 + 7 + 7) / 5 = 6.8.
    """
    client = factories.make_client(registered_by=therapist, given_name="Iris", family_name="Vale")
    course = factories.make_course(therapist=therapist, client=client, adaptation="ipsrt")
    _save(course, therapist, FIRST, [_day() for _ in range(7)])
    _save(course, therapist, FIRST + datetime.timedelta(days=7), [_day(), _day(bed="00:30")])
    third = [_day(up="07:00") for _ in range(6)] + [_day(up="10:00")]
    _save(course, therapist, FIRST + datetime.timedelta(days=14), third)
    return course


def _url(course):
    return reverse("measures:rhythm_pdf", args=[course.pk])


def test_it_reads_the_record_week_by_week_with_every_day_and_its_score(ipsrt):
    record = rhythm_record(ipsrt)
    assert [w.score.score for w in record.weeks] == [7.0, None, 6.8]
    assert [w.start for w in record.weeks] == [
        FIRST + datetime.timedelta(days=7 * n) for n in range(3)
    ]
    first_day = record.weeks[0].days[0]
    assert first_day.cells == (
        "07:30 alone",
        "08:00 involved",
        "09:00 present",
        "19:00 involved",
        "23:30 present",
    )
    # The short week still prints all seven days, the five it lacks as not recorded.
    assert [d.recorded for d in record.weeks[1].days] == [True, True] + [False] * 5
    assert record.weeks[2].score.anchors[0].hits == 6
    assert [p.label for p in record.chart.points] == ["7.0", "6.8"]


def test_it_prints_the_anchors_company_scores_and_the_unscored_week(
    client, therapist, ipsrt, tmp_path
):
    client.force_login(therapist)
    response = client.get(_url(ipsrt))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "Social rhythm record (IPSRT)" in text and "Iris Vale" in text
    assert "regularity 7.0 of 7" in text
    assert "regularity 6.8 of 7" in text
    assert "not scored, too few days recorded" in text
    assert "07:30 alone" in text and "08:00 involved" in text and "23:30 present" in text
    assert "00:30 present" in text  # an after-midnight bed time, as written
    assert text.count("Not recorded") == 5
    assert "07:26 (6 of 7 on" in text  # week 3: up at 10:00 once, a miss
    event = AuditEvent.objects.get(action="pdf.export", object_id=str(ipsrt.pk))
    assert event.detail == {"document": "social_rhythm", "weeks": 3}


def test_it_hides_the_record_from_another_therapist(client, other_therapist, ipsrt):
    client.force_login(other_therapist)
    assert client.get(_url(ipsrt)).status_code == 404
    assert not AuditEvent.objects.filter(action="pdf.export").exists()


def test_it_says_there_is_nothing_to_print_before_a_week_is_entered(client, therapist):
    course = factories.make_course(therapist=therapist, adaptation="ipsrt")
    client.force_login(therapist)
    response = client.get(_url(course))
    assert response.status_code == 404
    assert "No social rhythm sheet has been entered yet." in response.content.decode()


def test_it_links_the_printable_record_from_the_course_page(client, therapist, ipsrt):
    client.force_login(therapist)
    page = client.get(reverse("cases:course_detail", args=[ipsrt.pk])).content.decode()
    assert _url(ipsrt) in page


def test_it_attaches_the_record_to_an_ipsrt_course_s_summary(client, therapist, ipsrt, tmp_path):
    ipsrt.status = CourseStatus.COMPLETED
    ipsrt.save()
    client.force_login(therapist)
    response = client.get(reverse("measures:summary_pdf", args=[ipsrt.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    assert "kept a daily social rhythm record for 3 weeks" in text
    assert "went from 7.0 to 6.8 of 7" in text
    assert "Attachment: social rhythm record" in text
    assert "regularity 6.8 of 7" in text and "not scored, too few days recorded" in text
    assert "07:30 alone" in text


def test_it_leaves_the_rhythm_out_of_another_kind_of_course_s_summary(client, therapist, tmp_path):
    course = factories.make_course(therapist=therapist, status=CourseStatus.COMPLETED)
    client.force_login(therapist)
    text = pdf_text(client.get(reverse("measures:summary_pdf", args=[course.pk])).content, tmp_path)
    assert "Social rhythm" not in text and "social rhythm" not in text
