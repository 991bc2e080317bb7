"""Writing the audit trail.

The request's address and id live in a context variable set by ``audit.middleware`` so that
services can record who did what without every function signature carrying the request.
"""

import contextvars
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models.base import ModelState

from audit import chain
from audit.models import AuditEvent


@dataclass(frozen=True)
class RequestContext:
    ip: str | None = None
    request_id: str = ""


current_request: contextvars.ContextVar[RequestContext] = contextvars.ContextVar(
    "audit_request",
    default=RequestContext(),  # noqa: B039 - immutable default
)
# Within a request: the (action, client id) of every row recorded so far, so the access audit
# middleware knows whether the view already recorded its read.
recorded_in_request: contextvars.ContextVar[list[tuple[str, int | None]] | None] = (
    contextvars.ContextVar("audit_recorded_in_request", default=None)
)


def record(
    actor,
    action: str,
    obj: models.Model | None = None,
    *,
    client=None,
    detail: dict | None = None,
    head: chain.Head | None = None,
) -> AuditEvent:
    """Append one audit row. Call it inside the same transaction as the change it describes.

    ``head``: the chain's head as read earlier in this transaction (``chain.append``).

    ``client`` is a Client or a client's id. A function writing many rows at once builds unsaved ``AuditEvent`` objects the same way and
    passes them all to ``audit.chain.append`` (the one insert path, which chains them).
    """
    context = current_request.get()
    event = AuditEvent(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        client_id=getattr(client, "pk", client),
        ip=context.ip,
        request_id=context.request_id,
        detail=detail or {},
    )
    chain.append([event], head=head)
    bucket = recorded_in_request.get()
    if bucket is not None:
        bucket.append((action, event.client_id))
    return event


_COLUMNS = [field.attname for field in AuditEvent._meta.concrete_fields]


def _event(values: dict) -> AuditEvent:
    """An unsaved row from column values (those missing are None until ``chain.append``).

    Built as ``Model.__init__`` leaves a new instance (a fresh state, every column set) without
    running it: its per-field work and signals cost more than the rest of recording a row,
    which a page listing hundreds of clients pays once per row. No code listens for the audit
    model's init signals (tests/audit/test_chain.py checks the rows equal ``AuditEvent(...)``).
    """
    event = AuditEvent.__new__(AuditEvent)
    event._state = ModelState()
    event.__dict__.update(_NO_VALUES)
    event.__dict__.update(values)
    return event


_NO_VALUES = dict.fromkeys(_COLUMNS)


def record_many(
    actor,
    action: str,
    items: Iterable[tuple[models.Model | None, object]],
    *,
    detail: dict | None = None,
) -> list[AuditEvent]:
    """Append one audit row per (object, client) pair in a single INSERT.

    For pages that show many records at once (lists, searches, exports): each client shown
    gets its own row, so their access report names who saw them. ``client`` is a Client, a
    client's id, or None. The same object twice makes one row.
    """
    context = current_request.get()
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    keys: dict[tuple, None] = {}
    for obj, client in items:
        object_type = obj._meta.label_lower if obj is not None else ""
        object_id = str(obj.pk) if obj is not None else ""
        keys.setdefault((object_type, object_id, getattr(client, "pk", client)))
    if not keys:
        return []
    shared = {
        "actor_id": actor_id,
        "action": action,
        "ip": context.ip,
        "request_id": context.request_id,
    }
    detail = detail or {}
    created = chain.append(
        _event(
            {**shared, "object_type": kind, "object_id": pk, "client_id": client, "detail": detail}
        )
        for kind, pk, client in keys
    )
    bucket = recorded_in_request.get()
    if bucket is not None:
        bucket.extend((action, event.client_id) for event in created)
    return created
