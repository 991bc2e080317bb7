"""Writing the audit trail.

The request's address and id live in a context variable set by ``audit.middleware`` so that
services can record who did what without every function signature carrying the request.
"""

import contextvars
from dataclasses import dataclass

from django.db import models

from audit.models import AuditEvent


@dataclass(frozen=True)
class RequestContext:
    ip: str | None = None
    request_id: str = ""


current_request: contextvars.ContextVar[RequestContext] = contextvars.ContextVar(
    "audit_request",
    default=RequestContext(),  # noqa: B039 - immutable default
)


def record(
    actor,
    action: str,
    obj: models.Model | None = None,
    *,
    client=None,
    detail: dict | None = None,
) -> AuditEvent:
    """Append one audit row. Call it inside the same transaction as the change it describes."""
    context = current_request.get()
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        client=client,
        ip=context.ip,
        request_id=context.request_id,
        detail=detail or {},
    )
