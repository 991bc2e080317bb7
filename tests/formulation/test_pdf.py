import subprocess
import time

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from audit.models import AuditEvent
from cases import pdf
from inventory.models import Formulation
from tests import factories

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert(1)</script><img src="file:///etc/passwd">'


@pytest.fixture
def formulation(course):
    factories.make_person(course, name="Dan", relationship="partner", closeness="inner")
    factories.make_event(course, description="Rows about chores")
    return factories.make_formulation(
        course,
        worksheet={"role_dispute": {"other_person": "Dan", "stage": "impasse"}},
        shared_on=course.start_date,
        client_agreed=True,
    )


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def test_it_downloads_the_formulation_with_a_useful_filename(client, formulation):
    course = formulation.course
    client.force_login(course.therapist)
    response = client.get(reverse("formulation:pdf", args=[course.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="formulation-{course.client.record_number}-v1.pdf"'
    )
    text = pdf_text(response.content)
    for expected in (
        "CONFIDENTIAL",
        "IPT Service",
        "Role dispute",
        formulation.goal_1,
        formulation.goal_2,
        course.client.record_number,
        "Impasse",
        "Page 1 of",
        "Rows about chores",
        "Dan",
    ):
        assert expected in text, expected
    assert AuditEvent.objects.filter(action="pdf.export", object_id=str(formulation.pk)).exists()


def test_it_exports_an_older_version_on_request(client, formulation):
    course = formulation.course
    factories.make_formulation(course, primary_area="grief")
    client.force_login(course.therapist)
    response = client.get(reverse("formulation:pdf", args=[course.pk]), {"version": 1})
    assert response["Content-Disposition"].endswith('-v1.pdf"')
    assert "Role dispute" in pdf_text(response.content)


def test_it_has_nothing_to_export_without_a_formulation(client, course):
    client.force_login(course.therapist)
    assert client.get(reverse("formulation:pdf", args=[course.pk])).status_code == 404


def test_it_escapes_user_text_so_it_cannot_add_markup(client, formulation, monkeypatch):
    Formulation.objects.filter(pk=formulation.pk).update(plain_words=PAYLOAD, goal_1=PAYLOAD)
    course = formulation.course
    client.force_login(course.therapist)
    response = client.get(reverse("formulation:pdf", args=[course.pk]))
    assert response.status_code == 200
    assert "<script>alert(1)</script>" in pdf_text(response.content)  # shown as text

    formulation.refresh_from_db()
    from inventory.formulation_views import formulation_pdf_context, formulation_pdf_resources

    context = formulation_pdf_context(course, formulation)
    html = render_to_string("pdf/formulation.html", context)
    assert "<script>" not in html and '<img src="file:' not in html
    assert "&lt;script&gt;" in html
    # The same document rendered here (the app renders it in a worker process): it fetches
    # our stylesheet and nothing else.
    fetched = []
    original = pdf.read_static

    def spy(url):
        fetched.append(url)
        return original(url)

    monkeypatch.setattr(pdf, "read_static", spy)
    pdf.html_to_pdf(html, formulation_pdf_resources(context))
    assert fetched == ["https://pdf.invalid/static/pdf/pdf.css"]


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/x.png",
        "https://example.com/static/pdf/pdf.css",
        "https://pdf.invalid/etc/passwd",
        "https://pdf.invalid/static/../../ipt_site/settings.py",
        "https://pdf.invalid/static/%2e%2e/manage.py",
        "data:text/plain,hello",
    ],
)
def test_it_refuses_to_fetch_anything_but_our_static_files(url):
    with pytest.raises(pdf.RefusedURL):
        pdf.static_only_fetcher().fetch(url)


def test_it_serves_our_static_files_to_the_renderer():
    response = pdf.static_only_fetcher().fetch("https://pdf.invalid/static/pdf/pdf.css")
    assert b"@page" in response.read()
    assert response.content_type == "text/css"


def test_it_does_not_read_local_files_named_in_a_document():
    content = pdf.html_to_pdf(
        '<p>Hello</p><img src="file:///etc/passwd"><link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
    )
    assert content.startswith(b"%PDF") and "root:" not in pdf_text(content)


def test_it_shows_an_error_page_when_the_renderer_fails(client, formulation, monkeypatch):
    def broken(html, resources=None, *, timeout):
        raise pdf.PdfError("RuntimeError: renderer crashed")

    monkeypatch.setattr(pdf.pdf_workers, "render", broken)
    before = Formulation.objects.values().get(pk=formulation.pk)
    client.force_login(formulation.course.therapist)
    response = client.get(reverse("formulation:pdf", args=[formulation.course.pk]))
    assert response.status_code == 503
    assert "The PDF could not be made" in response.content.decode()
    assert Formulation.objects.values().get(pk=formulation.pk) == before


def test_it_stops_a_render_at_the_time_limit(client, formulation, monkeypatch, settings):
    """A real document far too long to finish in time: its worker process is killed."""
    settings.PDF_TIMEOUT_SECONDS = 1
    huge = "<table>" + "<tr><td>row</td><td>text text text</td></tr>" * 20000 + "</table>"
    monkeypatch.setattr(pdf, "render_to_string", lambda name, context: huge)
    client.force_login(formulation.course.therapist)
    started = time.monotonic()
    response = client.get(reverse("formulation:pdf", args=[formulation.course.pk]))
    assert time.monotonic() - started < 15  # a cold fork server takes a few seconds to start
    assert response.status_code == 503
    page = response.content.decode()
    assert "took too long, so it was stopped" in page
    assert "choose a shorter one" in page


def test_it_serves_only_the_resources_generated_for_this_render():
    fetcher = pdf.static_only_fetcher({"map.svg": pdf.svg_resource("<svg/>")})
    assert fetcher.fetch("https://pdf.invalid/generated/map.svg").read() == b"<svg/>"
    for url in (
        "https://pdf.invalid/generated/other.svg",
        "https://pdf.invalid/generated/../static/pdf/pdf.css?x",
        "http://pdf.invalid/generated/map.svg",
    ):
        with pytest.raises(pdf.RefusedURL):
            fetcher.fetch(url)


def test_it_draws_the_charts_into_the_pdf(client, formulation):
    client.force_login(formulation.course.therapist)
    response = client.get(reverse("formulation:pdf", args=[formulation.course.pk]))
    text = pdf_text(response.content)
    assert "Outer circle" in text  # a ring of the map SVG: nobody in the table is outer
    assert "Events" in text and "Mood" in text  # drawn by the timeline SVG
