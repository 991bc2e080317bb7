"""The one way views fetch clients and courses: visible to the user, else 404;
writable only by the treating therapist, else 403 (the record is visible, the action is not)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django_htmx.middleware import HtmxDetails

from cases.models import Client, Course
from cases.models.access import can_edit_as
from cases.prepared_queries import PreparedQuery


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def visible_client(request: HttpRequest, client_id: int) -> Client:
    return get_object_or_404(Client.objects.visible_to(request.user), pk=client_id)


def editable_client(request: HttpRequest, client_id: int) -> Client:
    client = visible_client(request, client_id)
    if not Client.objects.editable_by(request.user).filter(pk=client.pk).exists():
        raise PermissionDenied("Only the client's therapist can change their record.")
    return client


# Its SQL is built once per process (``cases.prepared_queries``): every course's page asks it.
VISIBLE_COURSE_QUERY = PreparedQuery(
    lambda user, now, course_id: (
        Course.objects.visible_to(user).with_progress(now).filter(pk=course_id)
    )
)


def visible_course(request: HttpRequest, course_id: int) -> Course:
    found = VISIBLE_COURSE_QUERY.list(user=request.user, now=timezone.now(), course_id=course_id)
    if not found:
        raise Http404("No course here.")
    return found[0]


def editable_course(request: HttpRequest, course_id: int) -> Course:
    course = visible_course(request, course_id)
    if not can_edit_as(request.user, course.therapist):
        raise PermissionDenied("Only the treating therapist can change this course.")
    return course
