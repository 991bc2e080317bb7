import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_signs_a_therapist_in_and_out(sign_in, therapist, live_server, screenshot):
    page = sign_in(therapist)
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")
    expect(page.get_by_test_id("user-name")).to_have_text(therapist.display_name)
    screenshot("sign-in-caseload")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.goto(f"{live_server.url}/caseload/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/caseload/")


def test_it_keeps_a_wrong_password_out(sign_in, therapist):
    page = sign_in(therapist, password="not-my-password")
    expect(page.get_by_role("alert")).to_contain_text("correct username and password")
    expect(page.get_by_test_id("user-name")).to_have_count(0)
