"""The client's own documents owned by cases: the leaflet about the sessions, the diary sheet."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from cases.client_documents import client_context, client_pdf, diary_columns
from cases.views.lookups import visible_course


@require_GET
def client_leaflet(request: HttpRequest, course_id: int) -> HttpResponse:
    course = visible_course(request, course_id)
    return client_pdf(
        request, course, "pdf/client/leaflet.html", client_context(course), document="leaflet"
    )


@require_GET
def client_diary(request: HttpRequest, course_id: int) -> HttpResponse:
    course = visible_course(request, course_id)
    context = client_context(course) | {"columns": diary_columns(), "rows": range(4)}
    return client_pdf(request, course, "pdf/client/diary.html", context, document="diary_sheet")
