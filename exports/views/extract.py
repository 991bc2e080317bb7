from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from exports import services
from exports.extract_forms import ExtractForm


@require_GET
def talking_therapies(request: HttpRequest) -> HttpResponse:
    """The dataset extract page; ``?download=1`` with a valid form is the CSV itself."""
    if not request.user.is_service_admin:
        raise Http404("The dataset extract is for service administrators.")
    form = ExtractForm(request.GET if request.GET else None)
    wants_file = request.GET.get("download") == "1"
    if wants_file and form.is_bound and form.is_valid():
        start, end = form.period()
        extract = services.disclose_extract(
            request.user,
            start,
            end,
            identifiable=form.cleaned_data["identifiable"],
            purpose=form.stated_purpose,
        )
        kind = "identifiable" if extract.identifiable else "pseudonymised"
        response = HttpResponse(extract.to_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="talking-therapies-{start}-to-{end}-{kind}.csv"'
        )
        return response
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "exports/talking_therapies.html", {"form": form}, status=status)
