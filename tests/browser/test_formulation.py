"""A therapist walks the initial phase: inventory, map, timeline, focus, formulation, PDF."""

import subprocess

import pytest
from playwright.sync_api import expect

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = [
    ("Dan", "partner", "inner", "some", "high"),
    ("Mum", "parent", "inner", "strong", "none"),
    ("Priya", "friend", "middle", "strong", "none"),
    ("Leo", "sibling", "middle", "some", "some"),
    ("Mr Hart", "manager", "outer", "none", "some"),
]


def test_it_takes_a_course_from_inventory_to_a_shared_formulation_pdf(
    sign_in, live_server, screenshot, tmp_path, assert_accessible
):
    therapist = factories.make_therapist(first_name="Tess", last_name="Therapist")
    client = factories.make_client(
        registered_by=therapist, given_name="Robin", family_name="Hale", record_number="RN-2041"
    )
    course = factories.make_course(
        therapist=therapist, client=client, diagnosis="Depressive episode, moderate"
    )
    page = sign_in(therapist)
    base = f"{live_server.url}/courses/{course.pk}"

    page.goto(f"{base}/inventory/")
    add = page.locator("#add-person")
    for name, relationship, closeness, support, conflict in PEOPLE:
        add = page.locator("#add-person")
        add.get_by_label("Name or label").fill(name)
        add.get_by_label("Relationship", exact=True).select_option(relationship)
        add.get_by_label("Closeness").select_option(closeness)
        add.get_by_label("Support overall").select_option(support)
        add.get_by_label("Conflict overall").select_option(conflict)
        # A complete inventory needs each person's details (how they talk, what the client
        # would like to change, one thing about the relationship).
        add.get_by_text("Communication, what the client would like to change").click()
        add.get_by_label("How they communicate").fill(f"Talks with {name} most days.")
        add.get_by_label("What the client would like to change").fill(f"More honesty with {name}.")
        add.get_by_label("Expectations unmet").fill(
            "Wants me to stop working late; I want him to share the chores."
            if name == "Dan"
            else "Would like more time together."
        )
        add.get_by_role("button", name="Add to the inventory").click()
        expect(page.locator("#inventory-people table")).to_contain_text(name)
    map_svg = page.locator("svg.chart--map")
    for name, *_ in PEOPLE:
        expect(map_svg.locator("text", has_text=name)).to_have_count(1)
    expect(page.locator("#people-heading")).to_contain_text("(5)")
    screenshot("formulation-01-inventory")
    assert_accessible("inventory")

    page.goto(f"{base}/timeline/")
    for kind, day, text, who in [
        ("role_change", "2026-03-01", "Dan starts a new job with long hours", "Dan"),
        ("conflict", "2026-05-10", "Rows with Dan about chores and money", "Dan"),
        ("mood_onset", "2026-05-20", "Sleep gets worse, stops seeing friends", None),
        ("isolation", "2026-07-01", "Stops going to Priya's book group", "Priya"),
    ]:
        form = page.locator("#event-form")
        form.get_by_label("Kind").select_option(kind)
        form.get_by_label("Date", exact=True).fill(day)
        form.get_by_label("Description").fill(text)
        if who:
            form.get_by_role("checkbox", name=f"{who} (").check()
        form.get_by_role("button", name="Add to the timeline").click()
        expect(page.locator("table")).to_contain_text(text)
    expect(page.locator("svg.chart--timeline")).to_contain_text("Rows with Dan")
    screenshot("formulation-02-timeline")
    assert_accessible("timeline")

    page.goto(f"{base}/formulation/")
    page.locator("input[name=primary_area][value=role_dispute]").check()
    worksheet = page.locator("#worksheet")
    expect(worksheet).to_contain_text("Worksheet: Role dispute")
    worksheet.get_by_label("The other person", exact=True).fill("Dan, partner")
    worksheet.get_by_label("Stage of the dispute").select_option("impasse")
    worksheet.get_by_label("What the client expects").fill("Shared chores, evenings together")
    worksheet.get_by_label("What the other person expects").fill("Support for his new job")
    page.get_by_label("Event or pattern linked to the onset").select_option(
        label="10 May 2026: Rows with Dan about chores and money"
    )
    page.get_by_label("The formulation in plain words").fill(
        "Your low mood started when the rows with Dan began after his new job. "
        "We will work on how the two of you talk about what each of you expects."
    )
    page.get_by_label("Goal 1").fill("Ask Dan for one evening together each week")
    page.get_by_label("Goal 2").fill("Say what I need about chores without shouting")
    page.get_by_role("button", name="Save the formulation").click()
    expect(page.locator(".message--success")).to_contain_text("version 1 saved")

    share = page.locator("#share-form")
    share.get_by_label("The client agreed with the formulation").check()
    share.get_by_label("The client's own words").fill(
        "I get low when Dan and I fight and don't sort it out."
    )
    share.get_by_role("button", name="Record as shared").click()
    expect(page.locator("#share-form .error-summary")).to_contain_text(
        "inventory is not marked complete"
    )
    expect(page.locator("#share-form").get_by_label("The client's own words")).to_have_value(
        "I get low when Dan and I fight and don't sort it out."
    )
    screenshot("formulation-03-share-refused")
    assert_accessible("formulation with errors")

    page.goto(f"{base}/inventory/")
    page.get_by_role("button", name="Mark the inventory complete").click()
    expect(page.locator("#completion")).to_contain_text("Complete")

    page.goto(f"{base}/formulation/")
    share = page.locator("#share-form")
    share.get_by_label("The client agreed with the formulation").check()
    share.get_by_label("The client's own words").fill(
        "I get low when Dan and I fight and don't sort it out."
    )
    share.get_by_role("button", name="Record as shared").click()
    expect(page.locator(".message--success")).to_contain_text("shared with the client")
    expect(page.locator("#current-heading")).to_contain_text("version 1")
    screenshot("formulation-04-shared")
    assert_accessible("shared formulation")

    page.goto(f"{base}/")
    panel = page.locator("section[aria-labelledby=formulation-heading]")
    expect(panel).to_contain_text("Role dispute")
    expect(panel).to_contain_text("shared")
    expect(page.locator("section[aria-labelledby=inventory-heading]")).to_contain_text("5 people")
    screenshot("formulation-07-course-page")
    assert_accessible("course page with panels")
    page.goto(f"{base}/formulation/")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").first.click()
    download = download_info.value
    assert download.suggested_filename == "formulation-RN-2041-v1.pdf"
    pdf = tmp_path / "formulation.pdf"
    download.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Role dispute" in text
    assert "Ask Dan for one evening together each week" in text
    assert "Say what I need about chores without shouting" in text
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(pdf), str(factories_artifacts() / "formulation-pdf")],
        check=True,
    )


def factories_artifacts():
    from tests.browser.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def test_it_edits_and_removes_people_in_place(sign_in, live_server, screenshot, assert_accessible):
    course = factories.make_course(therapist=factories.make_therapist())
    dan = factories.make_person(course, name="Dan", relationship="partner", closeness="inner")
    factories.make_person(course, name="Mum", relationship="parent")
    page = sign_in(course.therapist)
    page.goto(f"{live_server.url}/courses/{course.pk}/inventory/")
    row = page.locator(f"#person-{dan.pk}")
    row.get_by_role("link", name="Edit Dan").click()
    expect(row.get_by_role("button", name="Save Dan")).to_be_visible()
    assert "?edit=" not in page.url  # swapped in place by htmx, no navigation
    screenshot("formulation-05-inventory-edit-row")
    assert_accessible("inventory edit row")
    row.get_by_label("Closeness").select_option("outer")
    row.get_by_label("Conflict overall").select_option("high")
    row.get_by_role("button", name="Save Dan").click()
    expect(page.locator(".message--success")).to_contain_text("Dan updated.")
    expect(page.locator(f"#person-{dan.pk}")).to_contain_text("Outer circle")

    page.locator(f"#person-{dan.pk}").get_by_role("button", name="Remove Dan").click()
    expect(page.locator(f"#person-{dan.pk}")).to_have_count(0)
    expect(page.locator("svg.chart--map text", has_text="Dan")).to_have_count(0)
    expect(page.locator("#people-heading")).to_contain_text("(1)")


def test_it_shows_the_supervisor_a_read_only_formulation(
    sign_in, live_server, screenshot, supervisor, therapist
):
    course = factories.make_course(therapist=therapist)
    for _ in range(4):
        factories.make_session(course)
    factories.make_person(
        course, name="Dan", relationship="partner", closeness="inner", conflict_level="high"
    )
    factories.make_formulation(course)
    page = sign_in(supervisor)
    page.goto(f"{live_server.url}/courses/{course.pk}/formulation/")
    expect(page.get_by_role("alert")).to_contain_text("initial phase is over")
    expect(page.get_by_role("button", name="Save the formulation")).to_have_count(0)
    screenshot("formulation-06-supervisor-overdue")
    page.goto(f"{live_server.url}/courses/{course.pk}/inventory/")
    expect(page.get_by_role("button", name="Add to the inventory")).to_have_count(0)
    expect(page.get_by_role("link", name="Edit Dan")).to_have_count(0)
