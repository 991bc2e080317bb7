"""The sign-in security pages in Chromium: second-factor enrolment, verify, My sessions, audit
viewer, the lockout page; with no CSP violation and no accessibility violation on any of them."""

import base64

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from audit.trail import record
from tests.factories import make_course

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def csp_violations(page):
    """Every CSP violation (and any script error) the browser reports while the test runs.
    (A missing favicon's 404 is not one.)"""
    seen: list[str] = []
    page.on(
        "console",
        lambda msg: (
            seen.append(msg.text)
            if "Content Security Policy" in msg.text or "CSP violation" in msg.text
            else None
        ),
    )
    page.on("pageerror", lambda error: seen.append(str(error)))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return seen


def code_from_secret(secret: str) -> str:
    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{TOTP(key).token():06d}"


def test_a_new_user_enrols_an_app_and_keeps_recovery_codes(
    sign_in, therapist, live_server, screenshot, csp_violations, assert_accessible
):
    page = sign_in(therapist, second_factor=False)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your second sign-in step")
    expect(page.locator("figure.qr-figure svg")).to_be_visible()
    assert_accessible("second-factor enrolment")
    screenshot("mfa-enrol")

    secret = page.get_by_test_id("totp-secret").inner_text()
    page.get_by_label("Code", exact=True).fill(code_from_secret(secret))
    page.get_by_role("button", name="Confirm and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    assert_accessible("recovery codes")
    screenshot("mfa-recovery-codes")
    page.get_by_role("link", name="I have kept them, continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")
    assert csp_violations == []


def test_a_returning_user_types_the_code_from_their_app(
    page, sign_in, therapist, live_server, screenshot, csp_violations, assert_accessible
):
    from tests.second_factor import app_device, current_code

    device = app_device(therapist)
    sign_in(therapist, second_factor=False)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    page.get_by_label("Code").fill("123456")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("not accepted")
    assert_accessible("verify with an error")
    screenshot("mfa-verify-error")
    page.wait_for_timeout(1100)  # django-otp pauses a second after a wrong code
    page.get_by_label("Code").fill(current_code(device))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")
    assert csp_violations == []


def test_my_sessions_page(sign_in, therapist, screenshot, csp_violations, assert_accessible):
    page = sign_in(therapist)
    page.get_by_role("link", name="My sessions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My sessions")
    expect(page.get_by_text("This browser")).to_be_visible()
    assert_accessible("my sessions")
    screenshot("my-sessions")
    assert csp_violations == []


def test_the_audit_viewer_filters_with_htmx_under_the_strict_csp(
    sign_in, service_admin, therapist, screenshot, csp_violations, assert_accessible
):
    course = make_course(therapist=therapist)
    record(therapist, "view", course, client=course.client, detail={"path": "/x/"})
    record(therapist, "course.update", course, client=course.client)
    page = sign_in(service_admin)
    page.get_by_role("link", name="Audit trail").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit trail")
    page.get_by_label("Action").fill("course.update")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_test_id("audit-count")).to_have_text("1 event")
    assert "action=course.update" in page.url
    assert_accessible("audit viewer")
    screenshot("audit-viewer")
    page.get_by_role("link", name=course.client.record_number).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Access report")
    assert_accessible("access report")
    screenshot("audit-access-report")
    assert csp_violations == []


def test_the_lockout_page(page, live_server, therapist, screenshot, assert_accessible):
    for _ in range(5):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(therapist.username)
        page.get_by_label("Password").fill("wrong-password")
        page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign-in paused")
    assert_accessible("lockout page")
    screenshot("sign-in-locked")
