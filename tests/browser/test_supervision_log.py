"""A supervisor records a supervision; the therapist reads it; the service looks at its figures."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from supervision.models import SupervisionEntry
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_supervisor_records_a_supervision_the_therapist_reads(
    sign_in, supervisor, therapist, live_server, assert_accessible
):
    course = factories.make_course(therapist=therapist)
    record = f"{course.client.record_number} · {course.client.full_name}"

    page = sign_in(supervisor)
    page.get_by_role("link", name="Supervision log").click()
    assert_accessible("supervision log index")
    page.get_by_role("link", name=f"Add an entry for {therapist.display_name}").click()
    assert_accessible("new supervision entry")
    page.get_by_role("button", name="Add to the log").click()
    expect(page.get_by_text("an empty entry says nothing")).to_be_visible()
    page.get_by_label(record).check()
    page.get_by_label("Decisions").fill("Keep the focus on the dispute with her sister.")
    page.get_by_label("Actions agreed").fill("Role-play the phone call next session.")
    page.get_by_role("button", name="Add to the log").click()
    expect(page.get_by_text("Supervision entry added to the log.")).to_be_visible()
    expect(page.get_by_role("article")).to_contain_text("Role-play the phone call")
    assert_accessible("a therapist's supervision log, as the supervisor")
    page.get_by_text("Download as PDF").click()
    expect(page.get_by_label("to", exact=True)).to_have_value(timezone.localdate().isoformat())
    page.get_by_label("The whole log instead (longer to prepare)").check()
    assert_accessible("the supervision log's PDF period, open")
    assert list(SupervisionEntry.objects.get().courses.all()) == [course]
    page.get_by_role("button", name="Sign out").click()

    sign_in(therapist)
    page.get_by_role("link", name="My supervision").click()
    expect(page.get_by_text("Read only.")).to_be_visible()
    page.get_by_role("article").get_by_role("link", name=record).click()
    expect(page).to_have_url(live_server.url + course.get_absolute_url())


def test_the_service_page_is_accessible(sign_in, service_admin, therapist, assert_accessible):
    factories.make_course(therapist=therapist)
    page = sign_in(service_admin)
    page.get_by_role("link", name="Service overview").click()
    expect(page.get_by_role("heading", name="Per therapist")).to_be_visible()
    assert_accessible("service overview")
    page.get_by_label("Courses ended from").fill("2026-05-01")
    page.get_by_label("To", exact=True).fill("2026-01-01")
    page.get_by_role("button", name="Show the figures").click()
    expect(page.get_by_text("on or before its end")).to_be_visible()
    assert_accessible("service overview with a bad period")
