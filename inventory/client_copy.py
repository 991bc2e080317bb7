"""The client's copy of the formulation: the problem area in plain words, goals, what we will do.

The clinician's formulation PDF carries the diagnosis, the worksheet, the inventory and the
timeline; this copy carries none of them. It prints the newest version (a draft says so) and
only: the focal area in everyday words, the therapist's plain-words summary, the goals, and
what the sessions will do for that area. The plain-words table below is the one place that
turns a focal area into words for the client.
"""

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from cases.client_documents import client_context, client_pdf
from cases.focal_areas import FocalArea
from cases.models import Course
from inventory.models import Formulation


@dataclass(frozen=True)
class AreaInPlainWords:
    title: str
    about: str
    we_will: tuple[str, ...]


PLAIN_AREAS: dict[str, AreaInPlainWords] = {
    FocalArea.GRIEF: AreaInPlainWords(
        title="Getting through the loss of someone close",
        about="Your low mood began, or got worse, after someone important to you died.",
        we_will=(
            "Talk about the person who died and your life together: the good memories and the "
            "hard ones.",
            "Make room for all your feelings about the loss, even ones that seem mixed up or "
            "surprising.",
            "Little by little, get back to the people and the things that matter to you.",
        ),
    ),
    FocalArea.ROLE_DISPUTE: AreaInPlainWords(
        title="A disagreement with someone important to you",
        about="Your low mood is tied up with a disagreement with someone who matters to you, "
        "where you each want or expect different things.",
        we_will=(
            "Look closely at what each of you wants and expects.",
            "Go over real conversations to see where they get stuck.",
            "Practise new ways of saying what you need, and decide what you want to do next.",
        ),
    ),
    FocalArea.ROLE_TRANSITION: AreaInPlainWords(
        title="Getting used to a big change in your life",
        about="Your low mood is tied up with a big change in your life, and settling into it "
        "has been hard.",
        we_will=(
            "Talk about what the change took away, and what was good about how things were.",
            "Look at what your new situation asks of you, and what it might offer.",
            "Find the skills and the people that can help you settle into it.",
        ),
    ),
    FocalArea.INTERPERSONAL_DEFICITS: AreaInPlainWords(
        title="Feeling lonely, or finding it hard to get close to people",
        about="For a long time you have felt alone, or found it hard to make or keep close "
        "relationships, and this is tied up with your low mood.",
        we_will=(
            "Look at what tends to happen in your relationships, using recent examples.",
            "Practise getting in touch with people, in small steps that feel manageable.",
            "Use our sessions as a safe place to try out new ways of talking with people.",
        ),
    ),
}


def client_formulation_context(course: Course, formulation: Formulation) -> dict:
    secondary = PLAIN_AREAS.get(formulation.secondary_area)
    return client_context(course) | {
        "formulation": formulation,
        "area": PLAIN_AREAS[formulation.primary_area],
        "also": secondary.title if secondary else "",
        "plain_words": formulation.plain_words,
        "goals": formulation.goals,
        "is_draft": not formulation.is_shared,
    }


@require_GET
def client_formulation_pdf(request: HttpRequest, course_id: int) -> HttpResponse:
    course = get_object_or_404(
        Course.objects.visible_to(request.user).select_related("client", "therapist"), pk=course_id
    )
    formulation = course.formulations.first()
    if formulation is None:
        raise Http404("There is no formulation to give the client yet.")
    return client_pdf(
        request,
        course,
        "pdf/client/formulation.html",
        client_formulation_context(course, formulation),
        document="our_plan",
        audited=formulation,
    )
