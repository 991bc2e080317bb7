import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Course
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_therapist_registers_a_client_opens_a_course_and_finds_it(
    sign_in, therapist, other_therapist, live_server, screenshot, page
):
    factories.make_course(
        therapist=therapist, client=factories.make_client(given_name="Bea", family_name="Lamb")
    )
    sign_in(therapist)
    page.get_by_role("link", name="Register a client").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Register a client")

    # A first try with mistakes: errors at their fields, what was typed kept.
    page.get_by_label("Record number").fill("RN-4471")
    page.get_by_label("Given name").fill("Maya")
    page.get_by_label("Family name").fill("Lindqvist")
    page.get_by_label("Email").fill("not an email")
    page.get_by_role("button", name="Register client").click()
    expect(page.get_by_role("alert")).to_contain_text("Date of birth")
    expect(page.get_by_label("Family name")).to_have_value("Lindqvist")
    screenshot("client-form-errors")

    page.get_by_label("Date of birth").fill("1991-03-14")
    page.get_by_label("Email").fill("maya@example.org")
    page.get_by_role("button", name="Register client").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Maya Lindqvist")
    screenshot("client-page-new")

    page.get_by_role("link", name="Open a course").first.click()
    start = timezone.localdate() + datetime.timedelta(days=2)
    page.get_by_label("Planned sessions").fill("16")
    page.get_by_label("Start date").fill(start.isoformat())
    page.get_by_label("Primary diagnosis").fill("Depressive episode, moderate")
    page.get_by_label("Why IPT for this client").fill("Low mood since a row with her sister.")
    page.get_by_label("Exclusions considered").fill("No psychosis, mania or current crisis.")
    page.get_by_label("What else was offered").fill("CBT and medication; she chose IPT.")
    screenshot("course-form")
    page.get_by_role("button", name="Open course").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Session 1 of 16")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Initial")
    screenshot("course-page")
    course = Course.objects.get(client__record_number="RN-4471")

    page.get_by_role("link", name="My caseload").click()
    screenshot("caseload")
    page.get_by_label("Name or record number").fill("lindq")
    expect(page.get_by_role("table")).to_contain_text("Maya Lindqvist")
    expect(page.get_by_role("table")).not_to_contain_text("Bea Lamb")
    expect(page).to_have_url(f"{live_server.url}/caseload/?q=lindq&phase=")
    screenshot("caseload-search")

    page.get_by_role("button", name="Sign out").click()
    sign_in(other_therapist)
    response = page.goto(f"{live_server.url}{course.get_absolute_url()}")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("We could not find that page")


def test_a_course_page_in_the_middle_phase(sign_in, therapist, screenshot, page, live_server):
    from cases.services.courses import sync_schedule

    course = factories.make_course(
        therapist=therapist, start_date=timezone.localdate() - datetime.timedelta(weeks=6)
    )
    sync_schedule(course)
    for appointment in course.sessions.order_by("planned_week")[:6]:
        appointment.attendance = "attended"
        appointment.number = appointment.planned_week
        appointment.held_at = appointment.scheduled_for
        appointment.diagnosis_given = appointment.number == 1
        appointment.risk_asked = True
        appointment.save()
    sign_in(therapist)
    page.goto(f"{live_server.url}{course.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Session 7 of 16")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Middle")
    screenshot("course-page-middle")


def test_a_supervisor_reads_a_supervisees_course(
    sign_in, course, supervisor, screenshot, page, live_server
):
    from cases.services.courses import sync_schedule

    sync_schedule(course)
    sign_in(supervisor)
    page.goto(f"{live_server.url}/caseload/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseloads")
    expect(page.get_by_role("table")).to_contain_text(course.client.full_name)
    screenshot("caseload-supervisor")
    page.get_by_role("link", name=course.client.display_name).click()
    expect(page.get_by_text("Read only")).to_be_visible()
    expect(page.get_by_role("button", name="Complete course")).to_have_count(0)
    expect(page.get_by_role("link", name="Move")).to_have_count(0)
    screenshot("course-page-supervisor")


def test_an_adaptation_outside_its_ages_asks_for_confirmation(
    sign_in, therapist, screenshot, page, live_server
):
    adult = factories.make_client(registered_by=therapist)
    sign_in(therapist)
    page.goto(f"{live_server.url}/clients/{adult.pk}/courses/new/")
    page.get_by_label("Adaptation").select_option("ipt_a")
    start = timezone.localdate() + datetime.timedelta(days=1)
    page.get_by_label("Start date").fill(start.isoformat())
    page.get_by_label("Why IPT for this client").fill("Depression began with a move of house.")
    page.get_by_label("Exclusions considered").fill("None found.")
    page.get_by_label("What else was offered").fill("Counselling at school.")
    page.get_by_role("button", name="Open course").click()
    expect(page.get_by_role("alert")).to_contain_text("meant for ages 12 to 18")
    screenshot("course-form-adaptation-check")
    page.get_by_label("I confirm this adaptation").check()
    page.get_by_role("button", name="Open course").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Session 1 of 16")


def test_the_demo_caseload_shows_every_phase(sign_in, screenshot, page, live_server):
    from ipt_site import demo_courses as demo

    supervisor = factories.make_supervisor()
    users = {
        "therapist1": factories.make_therapist(supervisor=supervisor, first_name="Tom"),
        "therapist2": factories.make_therapist(supervisor=supervisor, is_trainee=True),
        "supervisor": supervisor,
    }
    demo.seed(users)
    sign_in(users["therapist1"])
    table = page.get_by_role("table")
    for phase in ("Initial", "Middle", "Termination"):
        expect(table.get_by_text(phase, exact=True).first).to_be_visible()
    screenshot("caseload-demo")
    page.get_by_label("Phase").select_option("middle")
    expect(table).to_contain_text("Daniel Osei")
    expect(table).not_to_contain_text("Maya Lindqvist")
    expect(page).to_have_url(f"{live_server.url}/caseload/?q=&phase=middle")
    page.get_by_role("link", name="Daniel Osei").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Session 8 of 16")
    screenshot("course-page-demo-middle")
