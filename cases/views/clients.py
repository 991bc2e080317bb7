from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Value
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit import trail
from cases.client_forms import ArchiveClientForm, ClientForm
from cases.exceptions import RuleBroken, StaleEdit
from cases.models import Client, Course
from cases.prepared_queries import PreparedQuery
from cases.services import clients as client_services
from cases.views.lookups import editable_client


@require_GET
def client_search(request: HttpRequest) -> HttpResponse:
    """Find any client the user may see by name or record number, archived ones included."""
    text = request.GET.get("q", "").strip()[:100]
    clients = []
    if text:
        clients = list(Client.objects.visible_to(request.user).search(text)[:100])
        # Each client found is shown (name, record number): one read row each, one insert.
        trail.record_many(
            request.user, "view", [(c, c) for c in clients], detail={"page": "client_search"}
        )
    return render(request, "cases/client_search.html", {"q": text, "clients": clients})


@require_http_methods(["GET", "POST"])
def client_create(request: HttpRequest) -> HttpResponse:
    if not request.user.is_therapist:
        raise PermissionDenied("Only therapists register clients.")
    form = ClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                client = client_services.register_client(request.user, form.save(commit=False))
        except IntegrityError:  # the same number registered a moment ago by someone else
            form.refuse_record_number()
        else:
            messages.success(
                request, f"{client.full_name} is registered. Open a course when ready."
            )
            return redirect("cases:client_detail", client_id=client.pk)
    _note_refused_number(request, form)
    return render(request, "cases/client_form.html", {"form": form, "client": None})


def _client_page(user, client_id):
    """The client if ``user`` may see them, with whether they may change their details."""
    can_edit = Value(False)
    if getattr(user, "is_authenticated", False) and user.is_therapist:  # the role is the shape
        can_edit = Exists(Client.objects.editable_by(user).filter(pk=OuterRef("pk")))
    return Client.objects.visible_to(user).filter(pk=client_id).annotate(can_edit_details=can_edit)


# The client page's two reads, each by SQL built once per process (``cases.prepared_queries``).
CLIENT_PAGE_QUERY = PreparedQuery(_client_page)
CLIENT_COURSES_QUERY = PreparedQuery(
    lambda user, now, client_id: (
        Course.objects.visible_to(user)
        .filter(client_id=client_id)
        .with_progress(now)
        .order_by("-start_date", "-pk")
    )
)


@require_GET
def client_detail(request: HttpRequest, client_id: int) -> HttpResponse:
    found = CLIENT_PAGE_QUERY.list(user=request.user, client_id=client_id)
    if not found:
        raise Http404("No client here.")
    client = found[0]
    courses = CLIENT_COURSES_QUERY.list(user=request.user, now=timezone.now(), client_id=client.pk)
    can_edit = bool(client.can_edit_details)
    trail.record(request.user, "view", client, client=client)
    return render(
        request,
        "cases/client_detail.html",
        {
            "client": client,
            "courses": courses,
            "can_edit": can_edit,
            "can_open_course": can_edit
            and not client.is_archived
            and not any(c.is_open for c in courses),
        },
    )


@require_http_methods(["GET", "POST"])
def client_edit(request: HttpRequest, client_id: int) -> HttpResponse:
    client = editable_client(request, client_id)
    form = ClientForm(request.POST or None, instance=client)
    if request.method == "POST" and form.is_valid():
        try:
            client_services.update_client(
                request.user, form.instance, form.cleaned_data["version"], form.changed_data
            )
        except StaleEdit as conflict:
            form.add_error(None, str(conflict))
        except IntegrityError:
            form.refuse_record_number()
        else:
            messages.success(request, "Client details saved.")
            return redirect("cases:client_detail", client_id=client.pk)
    _note_refused_number(request, form)
    return render(request, "cases/client_form.html", {"form": form, "client": client})


def _note_refused_number(request: HttpRequest, form: ClientForm) -> None:
    number = form.refused_record_number() if form.is_bound else None
    if number:
        client_services.record_number_refused(request.user, number)


@require_http_methods(["GET", "POST"])
def client_archive(request: HttpRequest, client_id: int) -> HttpResponse:
    client = editable_client(request, client_id)
    form = ArchiveClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            client_services.archive_client(request.user, client, form.cleaned_data["reason"])
        except RuleBroken as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"{client.full_name} is archived. Search still finds them.")
            return redirect("cases:client_detail", client_id=client.pk)
    return render(
        request,
        "cases/action_form.html",
        {
            "form": form,
            "client": client,
            "title": f"Archive {client.full_name}",
            "intro": "Archiving takes the client off the caseload. Nothing is deleted: the record "
            "stays, search still finds it, and it can be restored.",
            "submit": "Archive client",
            "danger": True,
            "cancel_url": client.get_absolute_url(),
        },
    )


@require_POST
def client_restore(request: HttpRequest, client_id: int) -> HttpResponse:
    client = editable_client(request, client_id)
    try:
        client_services.restore_client(request.user, client)
    except RuleBroken as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"{client.full_name} is back on the caseload.")
    return redirect("cases:client_detail", client_id=client.pk)
