import re
import uuid

from audit import reads
from audit.addresses import client_ip
from audit.trail import RequestContext, current_request, record, recorded_in_request

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestContextMiddleware:
    """Give every request an id (kept from a proxy's X-Request-ID when well formed) for the audit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        token = current_request.set(RequestContext(ip=client_ip(request), request_id=request.id))
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        response["X-Request-ID"] = request.id
        return response


class AccessAuditMiddleware:
    """A safety net under every view of a clinical record.

    - A successful GET of a URL naming a clinical record (see ``audit.reads``) is recorded as a
      "view" of that client, unless the view already recorded an event naming a client (then
      this costs no query at all).
    - A 404 for a signed-in user on such a URL is recorded as "access.denied", noting whether
      the record exists at all (someone else's record) or not.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        bucket: list = []
        token = recorded_in_request.set(bucket)
        try:
            response = self.get_response(request)
            self._audit(request, response, bucket)
        finally:
            recorded_in_request.reset(token)
        return response

    def _audit(self, request, response, bucket) -> None:
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated:
            return
        found = reads.clinical_argument(match.kwargs)
        if found is None:
            return
        status = response.status_code
        if status == 404:
            client_id = reads.client_id_for(*found)
            record(
                user,
                "access.denied",
                reads.record_named(*found),
                detail={
                    "path": request.path[:500],
                    "url_name": match.view_name,
                    "status": 404,
                    "exists": client_id is not None,
                },
                client=client_id,
            )
        elif request.method in ("GET", "HEAD") and 200 <= status < 300:
            if any(cid is not None for _, cid in bucket):
                return  # the view recorded its own read of the client: no extra query
            noted, client_id = reads.known_client(request, *found)
            if not noted:
                client_id = reads.client_id_for(*found)
            if client_id is None:
                return
            record(
                user,
                "view",
                reads.record_named(*found),
                detail={"path": request.path[:500], "url_name": match.view_name},
                client=client_id,
            )
