"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""

import os
from pathlib import Path

import pytest

from tests.factories import PASSWORD
from tests.second_factor import app_device, current_code

# Playwright's sync API runs an event loop in this thread; the ORM calls made by test set-up
# are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: run `apt-get install chromium` (make test does this).")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_FLAGS}


@pytest.fixture(autouse=True)
def _cookies_over_plain_http(settings):
    """The live server speaks http, so production's Secure/__Host- cookies would be dropped."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.SESSION_COOKIE_NAME = "sessionid"
    settings.CSRF_COOKIE_NAME = "csrftoken"


@pytest.fixture
def sign_in(page, live_server):
    """Sign in through the real forms, password then the authenticator code; returns the page.

    ``second_factor=False`` stops after the password step."""

    def _sign_in(user, password: str = PASSWORD, *, second_factor: bool = True):
        device = app_device(user) if second_factor else None
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        if device is not None and "/accounts/second-factor/" in page.url:
            page.get_by_label("Code", exact=True).fill(current_code(device))
            page.get_by_role("button", name="Continue").click()
            page.wait_for_load_state()
        return page

    return _sign_in


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under test-artifacts/ for a person to look at."""

    def _shot(name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _shot


AXE_SOURCE = Path(__file__).with_name("vendor") / "axe-4.14.1.min.js"


@pytest.fixture
def assert_accessible(page):
    """Run axe-core (WCAG 2.x A and AA rules) on the current page and fail on any violation.

    ``page.evaluate`` runs outside the page's CSP, so axe needs no script tag or nonce.
    """

    def _check(label: str = "") -> None:
        page.evaluate(AXE_SOURCE.read_text())
        violations = page.evaluate(
            """async () => {
                const result = await axe.run(document, {
                    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                });
                return result.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    targets: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
                }));
            }"""
        )
        assert violations == [], f"Accessibility violations on {label or page.url}: {violations}"

    return _check
