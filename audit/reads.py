"""Which URL arguments name a clinical record, and how to find the client each belongs to.

The access audit middleware uses this to record a "view" for every successful GET of a client's
pages, and an "access.denied" for every 404 on one. A new kind of clinical URL argument must be
added here: tests/audit/test_access_audit.py fails for any URL argument ending in ``_id`` that
is neither here nor in NOT_CLINICAL.
"""

from django.apps import apps

# URL argument -> (model label, path from that model to the client's id). Filled by the apps
# that own clinical records, from their AppConfig.ready(), through ``register``: audit is the
# ground layer and never imports them (docs/architecture.md).
CLINICAL_ARGUMENTS: dict[str, tuple[str, str]] = {}


def register(argument: str, model_label: str, path_to_client: str) -> None:
    """Declare that URL argument ``argument`` names a ``model_label`` record whose client id is
    at ``path_to_client`` ("pk" for the client itself). Called from an AppConfig.ready()."""
    CLINICAL_ARGUMENTS[argument] = (model_label, path_to_client)


def visible(argument: str, user):
    """The records ``argument`` names that ``user`` may see (the owning model's one access
    path, ``visible_to``)."""
    label, _ = CLINICAL_ARGUMENTS[argument]
    return apps.get_model(label).objects.visible_to(user)


# URL arguments that name a part of a record always given with the record's own argument
# (argument -> the argument that leads to the client).
COMPANIONS: dict[str, str] = {"record_id": "session_id", "event_id": "course_id"}

# URL arguments ending in _id that do not name a clinical record.
NOT_CLINICAL: set[str] = {"object_id", "content_type_id", "user_id"}
# A therapist's supervision log (and its entries) is a staff record, not one client's record.
NOT_CLINICAL |= {"therapist_id", "entry_id"}


def clinical_argument(kwargs: dict) -> tuple[str, object] | None:
    """The first URL argument that names a clinical record, as (name, value)."""
    for name in CLINICAL_ARGUMENTS:
        if name in kwargs:
            return name, kwargs[name]
    return None


def record_named(name: str, value):
    """An unsaved stand-in for the record a URL argument names, so an audit row can name it
    (its type and id) without reading it."""
    label, _ = CLINICAL_ARGUMENTS[name]
    return apps.get_model(label)(pk=value)


def note_client(request, name: str, value, client_id: int | None) -> None:
    """A view that has read the record URL argument ``name`` names tells the access audit
    whose it is, so the audit's own lookup (``client_id_for``) is not needed."""
    request.audit_known_client = (name, str(value), client_id)


def known_client(request, name: str, value) -> tuple[bool, int | None]:
    """(True, client id) when the view noted the client of exactly this record."""
    noted = getattr(request, "audit_known_client", None)
    if noted is not None and noted[:2] == (name, str(value)):
        return True, noted[2]
    return False, None


def client_id_for(name: str, value) -> int | None:
    """The client behind a clinical URL argument (one query), or None when nothing has that id."""
    label, path = CLINICAL_ARGUMENTS[name]
    model = apps.get_model(label)
    try:
        return model.objects.filter(pk=value).values_list(path, flat=True).first()
    except (ValueError, TypeError):
        return None
