"""Test helpers for the client area: a link, and a test client that is the client's verified phone."""

from django.test import Client as DjangoClient
from django.urls import reverse

from client_area.models import ClientLink
from client_area.services import issue_link


def link_for(course, **fields) -> tuple[ClientLink, str]:
    """A working link for ``course``, issued by its therapist; returns (link, token)."""
    return issue_link(course, by=course.therapist, **fields)


def start_url(token: str) -> str:
    return reverse("client_area:start", args=[token])


def verify_device(browser: DjangoClient, course, token: str) -> None:
    """Walk the date-of-birth step on ``browser`` so that it holds a verified device cookie."""
    dob = course.client.date_of_birth
    response = browser.post(
        start_url(token), {"day": dob.day, "month": dob.month, "year": dob.year}
    )
    assert response.status_code == 302, response.content[:500]


def client_phone(course) -> tuple[DjangoClient, ClientLink, str]:
    """A fresh test client already past the date-of-birth step for ``course``'s new link."""
    link, token = link_for(course)
    browser = DjangoClient()
    verify_device(browser, course, token)
    return browser, link, token
