"""Script and markup typed into any free-text field renders inert on every page."""

import itertools
import shutil
import subprocess

import pytest
from django.db import models
from django.test import Client

from cases.models import Client as ClientRecord
from cases.models import Course
from inventory.models import Person
from sessions.models import Session
from tests.second_factor import app_device
from tests.security.markup import XSS_PAYLOADS, active_markup
from tests.security.urlwalk import all_routes, make_world, url_of

pytestmark = pytest.mark.django_db

FREE_TEXT_MODELS = [ClientRecord, Course, Session, Person]


def free_text_fields(model):
    for field in model._meta.concrete_fields:
        if (
            isinstance(field, (models.CharField, models.TextField))
            and not isinstance(field, (models.EmailField, models.URLField, models.SlugField))
            and not field.choices
            and field.editable
        ):
            yield field


def fill_with_payloads(obj) -> int:
    payloads = itertools.cycle(XSS_PAYLOADS)
    filled = 0
    for field in free_text_fields(type(obj)):
        for _ in range(len(XSS_PAYLOADS)):
            payload = next(payloads)
            if field.max_length is None or len(payload) <= field.max_length:
                setattr(obj, field.attname, payload)
                filled += 1
                break
    obj.save()
    return filled


def test_the_scanner_catches_live_markup():
    for payload in XSS_PAYLOADS:
        if "<" in payload and "{" not in payload:  # the others are inert text even unescaped
            assert active_markup(f"<p>{payload}</p>"), payload
    assert active_markup('<p><script nonce="abc" src="/static/x.js"></script></p>') == []


def test_every_page_renders_hostile_text_inert(therapist, supervisor, service_admin):
    world = make_world(therapist)
    filled = sum(
        fill_with_payloads(obj) for obj in (world.client, world.course, world.session, world.person)
    )
    assert filled >= 10
    browsers = []
    for user in (therapist, supervisor, service_admin):
        app_device(user)
        browser = Client()
        browser.force_login(user)
        browsers.append((user.role, browser))
    # A hostile "username" typed at sign-in shows up in the audit viewer.
    Client().post("/accounts/login/", {"username": XSS_PAYLOADS[1], "password": "x"})
    pages = 0
    pdfs = []
    for route in all_routes():
        url = url_of(route, world)
        for role, browser in browsers:
            response = browser.get(url)
            if response.status_code == 200 and response.get("Content-Type") == "application/pdf":
                pdfs.append((url, role, response.content))
                continue
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            pages += 1
            problems = active_markup(response.content.decode())
            assert problems == [], f"{url} as {role}: {problems}"
    assert pages >= 5
    assert pdfs, "no PDF export found: the walk is broken"
    for url, role, content in pdfs[:2]:
        text = pdf_text(content)
        shown = [p for p in XSS_PAYLOADS if "<" in p and p in text]
        assert shown, f"{url} as {role}: no payload printed literally; text starts {text[:200]!r}"


def pdf_text(content: bytes) -> str:
    """The PDF's text (poppler's pdftotext): markup that was escaped shows as literal text."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: apt-get install poppler-utils (make test does this)")
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())
