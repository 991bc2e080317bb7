from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Send each role to its start page."""
    user = request.user
    if user.is_supervisor:
        return redirect("supervision:dashboard")
    if user.is_service_admin:
        return redirect("supervision:service")
    return redirect("cases:caseload")
