"""The session page in Chromium (issue 16): one page from attendance to signature."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from measures.models import QuestionnaireResponse
from sessions.models import Attendance, NoteStatus, Session
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def _middle_course(therapist):
    course = factories.make_course(
        therapist=therapist, start_date=timezone.localdate() - datetime.timedelta(weeks=5)
    )
    factories.make_formulation(course)
    for _ in range(4):
        factories.make_session(
            course, next_task="Ask Sam to cover Saturday", note="x", status=NoteStatus.SIGNED
        )
    now = timezone.localtime()
    today = factories.make_session(
        course,
        attendance=Attendance.SCHEDULED,
        scheduled_for=now.replace(hour=0, minute=5, second=0, microsecond=0),
        planned_week=6,
    )
    return course, today


class Counter:
    """Counts the clicks a therapist makes and the documents the browser loads."""

    def __init__(self, page):
        self.clicks = 0
        self.loads = 0
        page.on("load", lambda _page: self._loaded())

    def _loaded(self):
        self.loads += 1

    def click(self, locator):
        self.clicks += 1
        locator.click()

    def check(self, locator):
        self.clicks += 1
        locator.check()

    def select(self, locator, value):
        self.clicks += 1
        locator.select_option(value)


def _answer(page, code: str, answers: list[str]):
    """Questionnaire answers: not counted as clicks (the must-hold counts everything else)."""
    grid = page.get_by_test_id(f"grid-{code}")
    for number, option in enumerate(answers, start=1):
        grid.locator(f'input[name="q-{code}-{number}"][value="{option}"]').check()


def test_it_records_a_middle_session_with_phq9_and_gad7_and_signs_it_in_two_page_loads(
    sign_in, therapist, live_server, screenshot, assert_accessible
):
    course, today = _middle_course(therapist)
    page = sign_in(therapist)
    page.goto(f"{live_server.url}{reverse('cases:course_detail', args=[course.pk])}")
    count = Counter(page)

    count.click(page.get_by_role("link", name="Record a session"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the appointment")
    screenshot("session-page-empty")
    assert_accessible("session page, empty")
    count.click(page.get_by_role("button", name="Record attendance"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Session 5")
    expect(page.get_by_test_id("last-task")).to_contain_text("Ask Sam to cover Saturday")
    expect(page.get_by_test_id("agreed-goals")).to_contain_text("Say clearly to my partner")

    page.get_by_label("Rating (0 = worst, 10 = best)").fill("5")
    page.get_by_label("What happened to the mood, and around whom").fill(
        "Better after Sam covered Saturday."
    )
    count.check(page.get_by_role("radio", name="Done", exact=True))
    page.get_by_label("What happened when the client tried it").fill("Asked; Sam agreed.")
    count.check(page.get_by_label("Yes, asked directly"))
    count.select(page.get_by_label("Risk level"), "low")
    _answer(page, "phq9", ["1", "1", "2", "1", "1", "0", "1", "0", "0"])
    expect(page.get_by_test_id("grid-phq9")).to_contain_text("Saved: total 7")
    _answer(page, "gad7", ["1", "1", "1", "0", "0", "1", "1"])
    page.get_by_label("The task").fill("Tell Sam what helped, in person.")
    page.get_by_label("What happened in the session").fill("Worked the Saturday exchange.")
    expect(page.get_by_test_id("grid-gad7")).to_contain_text("Saved: total 5")
    expect(page.get_by_test_id("grid-phq9")).to_contain_text("Saved: total 7")
    expect(page.get_by_test_id("autosave-status")).to_contain_text(re.compile(r"saved at"))
    expect(page.get_by_test_id("sign-missing")).to_contain_text("Nothing is missing")
    screenshot("session-page-filled")
    assert_accessible("session page, filled in")

    count.check(page.get_by_label(re.compile("I have checked this note")))
    count.click(page.get_by_role("button", name="Sign the note"))
    expect(page.get_by_text("Note signed.")).to_be_visible()
    screenshot("session-page-signed")
    assert_accessible("session page, signed")

    saved = Session.objects.get(pk=today.pk)
    assert saved.status == NoteStatus.SIGNED and saved.next_task.startswith("Tell Sam")
    assert saved.risk_asked and saved.task_review == "done"
    assert sorted(
        QuestionnaireResponse.objects.filter(session=saved).values_list("total", flat=True)
    ) == [5, 7]
    print(f"page loads: {count.loads}, clicks besides answers: {count.clicks}")
    assert count.loads <= 2, count.loads
    assert count.clicks <= 15, count.clicks


def _controls(page) -> list[tuple[str, int]]:
    """Every visible link and button of the page, as (selector, index) to find it again."""
    found = []
    for selector in ("a[href]", "button"):
        for index in range(page.locator(selector).count()):
            if page.locator(selector).nth(index).is_visible():
                found.append((selector, index))
    return found


def _half_phq9(number: int) -> dict[str, str]:
    """Four of the nine PHQ-9 items (never the risk item), answered otherwise each time."""
    return {str(item): str((number + item) % 4) for item in range(1, 5)}


def test_nothing_typed_or_ticked_is_lost_whatever_is_clicked_next(sign_in, therapist, live_server):
    course, _ = _middle_course(therapist)
    draft = factories.make_session(course)
    page = sign_in(therapist)
    url = f"{live_server.url}{reverse('sessions:edit', args=[draft.pk])}"
    page.goto(url)
    # A "Leave site?" question is answered as a hurried user would: leave.
    page.on("dialog", lambda dialog: dialog.accept())
    controls = _controls(page)
    assert len(controls) > 10
    for number, (selector, index) in enumerate(controls):
        text = f"Typed before control {number}."
        page.get_by_label("What happened in the session").fill(text)
        # A questionnaire half answered, as when the client stops to talk.
        answers = _half_phq9(number)
        for item, option in answers.items():
            page.locator(f'input[name="q-phq9-{item}"][value="{option}"]').check()
        control = page.locator(selector).nth(index)
        name = control.inner_text()
        # Straight after typing, before the autosave's second has passed; Enter reaches the
        # off-screen skip link too.
        control.focus()
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
        page.wait_for_load_state("networkidle")
        kept, ticked = "", {}
        for _ in range(20):
            # Read back through the page (the test thread stays off the live server's database).
            if "/edit/" not in page.url or page.get_by_role("button", name="Sign in").count():
                page.wait_for_load_state()
            if page.get_by_role("button", name="Sign in").count():
                sign_in(therapist)
            if page.goto(url).status >= 500:
                # SQLite's shared in-memory test database refuses a read while another request
                # writes ("table is locked"); production's WAL file and PostgreSQL wait instead.
                page.wait_for_timeout(200)
                continue
            kept = page.get_by_label("What happened in the session").input_value()
            ticked = {
                item: page.locator(f'input[name="q-phq9-{item}"]:checked').get_attribute("value")
                if page.locator(f'input[name="q-phq9-{item}"]:checked').count()
                else None
                for item in answers
            }
            if kept == text and ticked == answers:
                break
            page.wait_for_timeout(200)
        assert kept == text, f"text lost after {selector} {name!r}"
        assert ticked == answers, f"questionnaire answers lost after {selector} {name!r}"
        expect(page.get_by_test_id("score-phq9")).to_contain_text("4 of 9 items answered")
        assert not page.locator('input[name="q-phq9-5"]:checked').count()


def test_item_grids_answer_with_arrow_keys(sign_in, therapist, live_server):
    course, _ = _middle_course(therapist)
    draft = factories.make_session(course)
    page = sign_in(therapist)
    page.goto(f"{live_server.url}{reverse('sessions:edit', args=[draft.pk])}")
    first = page.locator('input[name="q-phq9-1"]').first
    first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    expect(page.locator('input[name="q-phq9-1"][value="1"]')).to_be_checked()
    page.keyboard.press("ArrowRight")
    expect(page.locator('input[name="q-phq9-1"][value="2"]')).to_be_checked()
    expect(page.get_by_test_id("score-phq9")).to_contain_text("Running total 2")


def test_the_page_has_no_accessibility_violations_with_errors_or_a_conflict(
    sign_in, therapist, live_server, screenshot, assert_accessible
):
    course, _ = _middle_course(therapist)
    draft = factories.make_session(course)
    page = sign_in(therapist)
    url = f"{live_server.url}{reverse('sessions:edit', args=[draft.pk])}"
    page.goto(url)
    page.get_by_label("Rating (0 = worst, 10 = best)").fill("12")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Mood is rated from 0 to 10").first).to_be_visible()
    screenshot("session-page-errors")
    assert_accessible("session page, errors")

    second = page.context.new_page()
    second.goto(url)
    page.goto(url)
    page.get_by_label("What happened in the session").fill("First tab.")
    expect(page.get_by_test_id("autosave-status")).to_contain_text("saved at")
    second.get_by_label("What happened in the session").fill("Second tab.")
    second.get_by_label("Rating (0 = worst, 10 = best)").fill("7")
    expect(second.get_by_test_id("autosave-status")).to_contain_text("Saved elsewhere")
    page.bring_to_front()
    second.screenshot(path=str(screenshot("session-page-conflict")), full_page=True)
    second.evaluate("1")
    page.close()
    assert_accessible_on(second, assert_accessible)


def assert_accessible_on(other_page, assert_accessible):
    """``assert_accessible`` checks the fixture's page; copy the conflicting tab's state there."""
    # The conflict partial is what axe must see: run axe directly in that tab.
    from tests.browser.conftest import AXE_SOURCE

    other_page.evaluate(AXE_SOURCE.read_text())
    violations = other_page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: "tag",
            values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})).violations.map(v => v.id)"""
    )
    assert violations == [], violations


def test_it_marks_progress_on_the_goals_in_a_termination_session(
    sign_in, therapist, live_server, screenshot, assert_accessible
):
    course = factories.make_course(
        therapist=therapist,
        planned_sessions=12,
        start_date=timezone.localdate() - datetime.timedelta(weeks=11),
    )
    factories.make_formulation(course)
    for _ in range(9):
        factories.make_session(course, note="x", status=NoteStatus.SIGNED)
    closing = factories.make_session(course)  # session 10 of 12: termination
    page = sign_in(therapist)
    page.goto(f"{live_server.url}{reverse('sessions:edit', args=[closing.pk])}")
    review = page.get_by_test_id("goal-review")
    expect(review).to_contain_text("Say clearly to my partner what I need at weekends")
    page.get_by_label("Progress on goal 1").select_option("much")
    expect(page.get_by_test_id("autosave-status")).to_contain_text("saved at")
    expect(page.locator("#goals-was")).to_have_value("1:much,2:")
    page.get_by_label("Progress on goal 2").focus()
    screenshot("session-page-goal-marks")
    assert_accessible("session page, goal marks")
    from sessions.goal_progress import GoalProgress

    assert [(g.goal_number, g.mark) for g in GoalProgress.objects.filter(session=closing)] == [
        (1, "much")
    ]


def test_every_action_is_reached_by_tab_in_page_order_with_a_visible_focus(
    sign_in, therapist, live_server
):
    course, _ = _middle_course(therapist)
    draft = factories.make_session(course)
    page = sign_in(therapist)
    page.goto(f"{live_server.url}{reverse('sessions:edit', args=[draft.pk])}")
    assert page.locator("[tabindex]:not([tabindex='-1']):not([tabindex='0'])").count() == 0
    seen, last_position, unringed = [], -1, []
    for _ in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement;
                const all = [...document.querySelectorAll('*')];
                const style = getComputedStyle(el);
                return {name: el.name || el.id || el.textContent.trim().slice(0, 30),
                        tag: el.tagName, position: all.indexOf(el),
                        ring: style.outlineStyle !== 'none' && style.outlineWidth !== '0px'};
            }"""
        )
        if focused["tag"] == "BODY" or focused["position"] < last_position:
            break  # past the last control: the browser wraps round
        last_position = focused["position"]
        seen.append(focused["name"])
        if not focused["ring"]:
            unringed.append(focused["name"])
    assert len(seen) > 30, seen
    assert unringed == []
    # In page order: the note, the questionnaire rows one by one, then the signature.
    order = [seen.index(name) for name in ("mood_rating", "q-phq9-1", "q-phq9-9", "q-gad7-1")]
    assert order == sorted(order), seen
    assert seen.index("confirm_sign") > seen.index("q-gad7-7")
    assert any(name.startswith("Sign") for name in seen[seen.index("confirm_sign") :])
