"""Documents written for the client to keep: what they all share, and the cases app's own two.

Every client document is a PDF in plain words (``templates/pdf/client/``). It is built from
the few facts named here and in each document's own context function, never from the whole
clinical record: no diagnosis or codes, no scores, no risk, no supervision. The views call
``client_pdf`` so each download is audited the same way.

The cases app owns the leaflet about the sessions and the between-session diary sheet; the
client copy of the formulation (``inventory.client_copy``) and the staying-well plan
(``sessions.staying_well``) reuse ``client_context`` and ``client_pdf`` from here.
"""

import datetime

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from cases.models import Course
from cases.models.courses import Adaptation
from cases.pdf import exported_pdf

# Adaptations whose client has a parent or carer who may join some sessions.
WITH_PARENT_OR_CARER = {Adaptation.ADOLESCENT, Adaptation.FAMILY_BASED}


def client_context(course: Course) -> dict:
    """The facts every client document may show: names, the therapist, the agreed length."""
    client = course.client
    planned = course.planned_dates()
    return {
        "course": course,
        "client": client,
        "first_name": client.preferred_name or client.given_name,
        "therapist_name": course.therapist.display_name,
        "planned_sessions": course.planned_sessions,
        "session_minutes": course.session_minutes,
        "first_date": planned[0] if planned else course.start_date,
        "last_date": planned[-1] if planned else None,
        "with_parent_or_carer": course.adaptation in WITH_PARENT_OR_CARER,
        "in_a_group": course.adaptation == Adaptation.GROUP,
        "today": datetime.date.today(),
    }


def client_pdf(
    request: HttpRequest,
    course: Course,
    template_name: str,
    context: dict,
    *,
    document: str,
    audited: models.Model | None = None,
) -> HttpResponse:
    """The document as a download; its audit row is written only when the PDF was made."""
    record_number = course.client.record_number
    return exported_pdf(
        request,
        template_name,
        context,
        subject=audited or course,
        client=course.client,
        detail={"document": document, "course": course.pk, "for_client": True},
        filename=f"{document.replace('_', '-')}-{record_number}.pdf",
        back_url=reverse("cases:course_detail", args=[course.pk]),
    )


def diary_columns() -> list[str]:
    """The between-session diary's columns, after the day."""
    return [
        "What happened",
        "Who was there",
        "What I felt",
        "What I said, or did not say",
        "What I would like to say",
    ]
