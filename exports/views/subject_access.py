import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from cases.models import Client
from cases.pdf import pdf_response
from exports import services, subject_access
from exports.models import SubjectAccessRequest
from exports.subject_access_forms import OpenRequestForm, RedactionForm

# A whole record runs to tens of pages: allow it longer than a one-page letter.
SAR_PDF_SECONDS = 120.0


def _admin_client(request: HttpRequest, client_id: int) -> Client:
    if not request.user.is_service_admin:
        raise Http404("Subject access requests are handled by the service administrator.")
    return get_object_or_404(Client.objects.visible_to(request.user), pk=client_id)


def _request(request: HttpRequest, sar_id: int) -> SubjectAccessRequest:
    return get_object_or_404(
        SubjectAccessRequest.objects.visible_to(request.user).select_related("client"), pk=sar_id
    )


@require_http_methods(["GET", "POST"])
def client_requests(request: HttpRequest, client_id: int) -> HttpResponse:
    """A client's subject access requests, and the form that opens a new one."""
    client = _admin_client(request, client_id)
    form = OpenRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        sar = services.open_subject_access_request(request.user, client, **form.cleaned_data)
        return redirect("exports:sar_review", sar_id=sar.pk)
    return render(
        request,
        "exports/sar_client.html",
        {"client": client, "form": form, "requests": client.subject_access_requests.all()},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def sar_review(request: HttpRequest, sar_id: int) -> HttpResponse:
    """The redaction step: decide, record by record, what is withheld from the release."""
    sar = _request(request, sar_id)
    whole = subject_access.gather(sar.client)
    form = RedactionForm(
        whole.reviewable, sar.withheld, request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        services.record_redactions(request.user, sar, form.withheld())
        return redirect("exports:sar_review", sar_id=sar.pk)
    return render(
        request,
        "exports/sar_review.html",
        {"sar": sar, "client": sar.client, "form": form, "whole": whole},
        status=400 if form.errors else 200,
    )


def _not_reviewed(request: HttpRequest, sar: SubjectAccessRequest) -> HttpResponse:
    return render(
        request,
        "exports/sar_not_reviewed.html",
        {"sar": sar, "client": sar.client},
        status=409,
    )


@require_GET
def sar_json(request: HttpRequest, sar_id: int) -> HttpResponse:
    sar = _request(request, sar_id)
    if sar.reviewed_at is None:
        return _not_reviewed(request, sar)
    whole = subject_access.gather(sar.client, sar.withheld)
    services.audit_subject_access(request.user, sar, whole, form="json")
    body = {"reference": sar.reference, "received_on": sar.received_on.isoformat()}
    body |= whole.as_data()
    response = HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="sar-{sar.pk}-record.json"'
    return response


@require_GET
def sar_pdf(request: HttpRequest, sar_id: int) -> HttpResponse:
    sar = _request(request, sar_id)
    if sar.reviewed_at is None:
        return _not_reviewed(request, sar)
    whole = subject_access.gather(sar.client, sar.withheld)
    response = pdf_response(
        request,
        "pdf/subject_access.html",
        {"sar": sar, "client": sar.client, "whole": whole},
        filename=f"sar-{sar.pk}-record.pdf",
        back_url=reverse("exports:sar_review", args=[sar.pk]),
        timeout=SAR_PDF_SECONDS,
    )
    if response.status_code == 200:
        services.audit_subject_access(request.user, sar, whole, form="pdf")
    return response
