"""Demo data for the client's side: a working link for Maya (DEMO-1001), two people shared for
her diary, and two entries since her last session, one of them still to be reviewed.

The token is shown once, so every run issues a new link (the old one is revoked, as in the
app) and ``seed_demo`` prints it; entries are added only the first time.
"""

import datetime

from django.utils import timezone

from cases.models import Course
from client_area.diary_models import DiaryEntry
from client_area.diary_services import add_entry, share_people
from client_area.services import issue_link
from inventory.models import Person

RECORD_NUMBER = "DEMO-1001"


def seed(users) -> tuple[Course, str]:
    """Issue Maya's link; returns her course and the path of the link to open."""
    course = Course.objects.select_related("client").get(
        client__record_number=RECORD_NUMBER, status="active"
    )
    therapist = users["therapist1"]
    link, token = issue_link(course, by=therapist)
    if not DiaryEntry.objects.filter(course=course).exists():
        people = list(Person.objects.filter(course=course).order_by("pk")[:2])
        share_people(course, therapist, {person.pk for person in people})
        today = timezone.localdate()
        partner = people[0] if people else None
        add_entry(
            course,
            link.pk,
            {
                "happened_on": today - datetime.timedelta(days=4),
                "person": partner,
                "what_happened": "He came home late again and I said nothing all evening.",
                "felt": "Hurt, then flat. I went to bed early.",
                "said": "Nothing. I said I was tired.",
                "wish_said": "That I miss our evenings and want one night a week together.",
                "mood": 3,
            },
        )
        add_entry(
            course,
            link.pk,
            {
                "happened_on": today - datetime.timedelta(days=1),
                "person": partner,
                "what_happened": "I asked him for Friday evening together. He said yes.",
                "felt": "Nervous before, relieved after.",
                "said": "I'd like Friday to be our evening.",
                "mood": 6,
            },
        )
    return course, f"/client/start/{token}/"
