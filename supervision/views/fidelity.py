"""A course's fidelity page (its IPT structure from the records, and the supervisor's ratings)
and the supervisor's rating form."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from audit import trail
from cases.views.lookups import visible_course
from supervision import rating_history
from supervision.fidelity import fidelity_review, status_counts
from supervision.models import FidelityRating
from supervision.rating_forms import RatingForm
from supervision.rubric import DOMAINS
from supervision.services import ratings


@require_GET
def fidelity(request: HttpRequest, course_id: int) -> HttpResponse:
    course = visible_course(request, course_id)
    trail.record(request.user, "view", course, client=course.client)
    review = fidelity_review(course)
    items = review.items
    course_ratings = list(FidelityRating.objects.filter(course=course).select_related("rated_by"))
    columns, change_rows = rating_history.change_table(course_ratings)
    return render(
        request,
        "supervision/fidelity.html",
        {
            "course": course,
            "client": course.client,
            "items": items,
            "caught": review.caught,
            "counts": status_counts(items),
            "history": rating_history.history(course_ratings),
            "columns": columns,
            "change_rows": change_rows,
            "can_rate": ratings.may_rate(request.user, course),
            "is_owner": request.user.pk == course.therapist_id,
            "domains": DOMAINS,
        },
    )


@require_http_methods(["GET", "POST"])
def rating_new(request: HttpRequest, course_id: int) -> HttpResponse:
    course = visible_course(request, course_id)
    context = {"course": course, "client": course.client}
    if not ratings.may_rate(request.user, course):
        context["refusal"] = ratings.refusal(course)
        return render(request, "supervision/rating_form.html", context, status=403)
    form = RatingForm(request.POST if request.method == "POST" else None, course=course)
    if request.method == "POST" and form.is_valid():
        try:
            rating = ratings.rate_course(
                course,
                request.user,
                form.cleaned_data["reviewed_on"],
                form.scores(),
                form.cleaned_data["comments"],
            )
        except ratings.AlreadyRated as refusal:
            form.add_error("reviewed_on", str(refusal))
        except ratings.InvalidScores as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(
                request,
                f"Rating of {rating.reviewed_on:%d %b %Y} saved. The therapist can read it.",
            )
            return redirect("supervision:fidelity", course_id=course.pk)
    context["form"] = form
    return render(request, "supervision/rating_form.html", context)
