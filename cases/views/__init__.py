"""Placeholder views; the clients-and-courses issue replaces them."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from cases.models import Client, Course


@require_GET
def caseload(request: HttpRequest) -> HttpResponse:
    courses = Course.objects.visible_to(request.user).current().select_related("client")
    return render(request, "cases/caseload.html", {"courses": courses})


@require_GET
def client_search(request: HttpRequest) -> HttpResponse:
    clients = Client.objects.visible_to(request.user)
    return render(request, "cases/caseload.html", {"clients": clients})


def client_create(request: HttpRequest) -> HttpResponse:
    return render(request, "cases/caseload.html", {})


@require_GET
def client_detail(request: HttpRequest, client_id: int) -> HttpResponse:
    client = get_object_or_404(Client.objects.visible_to(request.user), pk=client_id)
    return render(request, "cases/caseload.html", {"client": client})


@require_GET
def course_detail(request: HttpRequest, course_id: int) -> HttpResponse:
    course = get_object_or_404(Course.objects.visible_to(request.user), pk=course_id)
    return render(request, "cases/caseload.html", {"course": course})
