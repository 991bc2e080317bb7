"""The demo gives the client's side something to see: seed_demo prints a link that opens
Maya's pages (after her date of birth), with her diary entries, added once."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client as DjangoClient

from client_area.diary_models import DiaryEntry
from client_area.models import ClientLink
from tests.client_area.links import verify_device

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_it_prints_a_working_client_link_and_adds_the_diary_once(settings):
    settings.DEBUG = True
    seed()
    output = seed()
    token = re.search(r"/client/start/([^/\s]+)/", output).group(1)
    # Each run issues a new link and revokes the one before it.
    assert ClientLink.objects.filter(revoked_at__isnull=True).count() == 1
    assert ClientLink.objects.count() == 2
    link = ClientLink.objects.get(revoked_at__isnull=True)
    phone = DjangoClient()
    verify_device(phone, link.course, token)
    page = phone.get("/client/diary/")
    assert page.status_code == 200
    assert "He came home late again" in page.content.decode()
    assert DiaryEntry.objects.filter(course=link.course).count() == 2
