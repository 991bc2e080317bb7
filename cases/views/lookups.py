"""The one way views fetch clients and courses: visible to the user, else 404;
writable only by the treating therapist, else 403 (the record is visible, the action is not)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django_htmx.middleware import HtmxDetails

from cases.models import Client, Course
from cases.models.access import can_edit_as


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def visible_client(request: HttpRequest, client_id: int) -> Client:
    return get_object_or_404(Client.objects.visible_to(request.user), pk=client_id)


def editable_client(request: HttpRequest, client_id: int) -> Client:
    client = visible_client(request, client_id)
    if not Client.objects.editable_by(request.user).filter(pk=client.pk).exists():
        raise PermissionDenied("Only the client's therapist can change their record.")
    return client


def visible_course(request: HttpRequest, course_id: int) -> Course:
    return get_object_or_404(
        Course.objects.visible_to(request.user).with_progress(),
        pk=course_id,
    )


def editable_course(request: HttpRequest, course_id: int) -> Course:
    course = visible_course(request, course_id)
    if not can_edit_as(request.user, course.therapist):
        raise PermissionDenied("Only the treating therapist can change this course.")
    return course
