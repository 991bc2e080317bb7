"""Demo inventories, timelines and formulations for ``seed_demo`` (DEBUG only, idempotent).

Courses past the initial phase get a complete inventory, a timeline and a shared formulation;
courses still in it get a first few people. A course that already has people is left alone.
"""

import datetime
import itertools

from django.utils import timezone

from cases.models import Course
from inventory import demo_scenarios
from inventory.models import Formulation, InventoryCompletion, Person, TimelineEvent

SCENARIOS = [
    {
        "area": "role_dispute",
        "people": [
            (
                "Dan",
                "partner",
                "inner",
                "some",
                "high",
                "Wants more help at home; feels criticised",
                {
                    "communication_pattern": "Rows late at night about chores; she goes quiet "
                    "for days afterwards, he says she sulks.",
                    "wanted_change": "To say what she needs in the daytime, calmly, and be heard.",
                },
            ),
            (
                "Mum",
                "parent",
                "inner",
                "strong",
                "none",
                "",
                {
                    "communication_pattern": "Phones most days; easy to talk to but takes her "
                    "side against Dan.",
                    "wanted_change": "To keep Mum out of the rows with Dan.",
                    "support_received": "Listens, and has the children on Saturdays.",
                },
            ),
            (
                "Priya",
                "friend",
                "middle",
                "strong",
                "none",
                "Sees her less since the rows began",
                {
                    "communication_pattern": "Long talks over coffee, fewer since the winter; "
                    "Priya texts and waits.",
                    "wanted_change": "To see her again without explaining why she vanished.",
                },
            ),
            (
                "Leo",
                "sibling",
                "middle",
                "some",
                "some",
                "",
                {
                    "communication_pattern": "Jokes that turn into digs; neither says when "
                    "they are hurt.",
                    "wanted_change": "To ask him to stop the jokes about Dan.",
                    "conflict": "Teases her about 'running after' Dan.",
                },
            ),
            (
                "Mr Hart",
                "manager",
                "outer",
                "none",
                "some",
                "Long hours expected",
                {
                    "communication_pattern": "Emails after 9 pm; she agrees to everything and "
                    "resents it.",
                    "wanted_change": "To say no to evening work once a week.",
                },
            ),
            (
                "Ray",
                "parent",
                "outer",
                "none",
                "none",
                "Left when she was 15; never explained why",
                {
                    "relationship_status": "estranged",
                    "communication_pattern": "No contact for twelve years; a card at Christmas "
                    "that she does not open.",
                    "wanted_change": "Nothing for now: she wants the rows with Dan not to "
                    "repeat what she saw at home.",
                },
            ),
        ],
        "events": [
            ("role_change", 200, "Dan starts a job with long hours", ["Dan"]),
            ("conflict", 160, "Rows with Dan about chores and money", ["Dan"]),
            ("mood_onset", 150, "Sleep worsens, stops seeing friends", []),
            ("isolation", 120, "Drops out of the book group", ["Priya"]),
            ("mood_worsening", 90, "Two weeks off work", []),
        ],
        "worksheet": {
            "other_person": "Dan, partner of nine years",
            "stage": "impasse",
            "client_expectations": "Chores shared; evenings together at least twice a week.",
            "other_expectations": "Patience while the new job settles; no complaints at night.",
            "wants": "Both want to feel listened to.",
            "options": "Renegotiate weekends first; couples session if stuck.",
        },
        "plain": (
            "Your low mood took hold when the arguments with Dan started after his new job. "
            "Neither of you has said plainly what you expect, so the rows repeat. We will use "
            "our sessions to work out what you want from him and how to ask for it."
        ),
        "goals": (
            "Ask Dan for one evening together each week",
            "Say what I need about chores without shouting or giving up",
            "See Priya at least once a fortnight",
        ),
        "words": "When Dan and I stop talking I go under. We need to sort out the weekends.",
    },
    {
        "area": "grief",
        "people": [
            (
                "Dad",
                "parent",
                "inner",
                "strong",
                "none",
                "",
                {
                    "communication_pattern": "Phoned every evening; talked about the garden, "
                    "never about his illness.",
                    "wanted_change": "To remember him without only the last months, and to "
                    "say out loud that she is angry he hid how ill he was.",
                    "support_received": "Practical help and a call every evening.",
                },
            ),
            (
                "Sara",
                "sibling",
                "inner",
                "some",
                "some",
                "Blames me for not visiting Dad more",
                {
                    "communication_pattern": "Short messages about the house sale; both avoid "
                    "talking about Dad.",
                    "wanted_change": "To talk to Sara about Dad, not only about his things.",
                },
            ),
            (
                "Chris",
                "partner",
                "middle",
                "some",
                "none",
                "Wants me to move on",
                {
                    "communication_pattern": "Kind but changes the subject when she cries.",
                    "wanted_change": "To ask Chris to just listen when she talks about Dad.",
                },
            ),
            (
                "Ana",
                "friend",
                "outer",
                "some",
                "none",
                "",
                {
                    "communication_pattern": "Used to walk together on Sundays; now calls go "
                    "unanswered.",
                    "wanted_change": "To call Ana back and restart the Sunday walks.",
                    "recent_changes": "No contact since the funeral.",
                },
            ),
            (
                "Tom",
                "partner",
                "outer",
                "none",
                "none",
                "",
                {
                    "relationship_status": "ended",
                    "communication_pattern": "Ex-partner; the relationship ended amicably six "
                    "years ago. Sent a card when Dad died.",
                    "wanted_change": "Nothing: she thanked him for the card.",
                    "recent_changes": "A card after the funeral.",
                },
            ),
        ],
        "events": [
            ("loss", 210, "Dad dies after a short illness", ["Dad"]),
            ("mood_onset", 180, "Stops eating properly, cries daily", []),
            ("conflict", 150, "Argument with Sara at the funeral", ["Sara"]),
            ("isolation", 100, "Stops answering Ana's calls", ["Ana"]),
        ],
        "worksheet": {
            "who_died": "Dad (Joseph)",
            "relationship": "Close; he was the one she phoned every evening.",
            "unfinished": "Never told him she was sorry about the years abroad.",
            "ambivalence": "Anger that he hid how ill he was; guilt about feeling it.",
            "restoration": "Visit the allotment; call Ana back; plan the anniversary.",
        },
        "plain": (
            "Your depression began after your father died. The grief has been stuck because "
            "some feelings, like anger, have felt wrong to have. We will talk about him and the "
            "relationship, and step by step bring people and activities back."
        ),
        "goals": (
            "Tell the story of Dad's last months to someone close",
            "Call Ana and arrange one visit",
        ),
        "words": "I stopped living when Dad died. I need to grieve him properly and come back.",
    },
]

BY_STORY = {
    "dispute": SCENARIOS[0],
    "grief": SCENARIOS[1],
    "drift": SCENARIOS[1],
    "transition": demo_scenarios.TRANSITION,
    "transition_drift": demo_scenarios.TRANSITION,
    "deficits": demo_scenarios.DEFICITS,
    "adolescent": demo_scenarios.ADOLESCENT,
    "late_life": demo_scenarios.LATE_LIFE,
    "perinatal": demo_scenarios.PERINATAL,
}


def seed(users: dict) -> None:
    therapists = [users[name] for name in ("therapist1", "therapist2") if name in users]
    courses = Course.objects.filter(therapist__in=therapists).select_related("client", "therapist")
    scenarios = itertools.cycle(SCENARIOS)
    for course in courses.order_by("id"):
        if Person.objects.filter(course=course).exists():
            continue
        # A demo course tells its own story; any other course takes the next adult story.
        story = demo_scenarios.COURSE_STORY.get(course.client.record_number)
        scenario = BY_STORY[story] if story else next(scenarios)
        if course.phase == "initial":
            if course.attended_count:
                _people(course, scenario["people"][:2])
            continue
        _full(course, scenario)


def _people(course, rows) -> dict[str, Person]:
    """One Person per row; the last item of a row holds the details (communication, the
    relationship now, what the client would like to change, and any other written field)."""
    return {
        name: Person.objects.create(
            course=course,
            name=name,
            relationship=rel,
            closeness=closeness,
            support_level=support,
            conflict_level=conflict,
            expectations_unmet=unmet,
            contact_frequency="Never" if details.get("relationship_status") else "Weekly",
            **details,
        )
        for name, rel, closeness, support, conflict, unmet, details in rows
    }


def _full(course, scenario) -> None:
    people = _people(course, scenario["people"])
    start = course.start_date
    events = []
    for kind, days_before, text, who in scenario["events"]:
        day = start - datetime.timedelta(days=days_before)
        event = TimelineEvent.objects.create(
            course=course, kind=kind, occurred_on=day, description=text
        )
        event.people.set([people[name] for name in who])
        events.append(event)
    if scenario["area"] == "grief":
        people["Dad"].is_deceased = True
        people["Dad"].date_of_death = events[0].occurred_on
        people["Dad"].save()
    shared_on = min(start + datetime.timedelta(weeks=2), timezone.localdate())
    InventoryCompletion.objects.create(
        course=course,
        completed_on=start + datetime.timedelta(weeks=1),
        completed_by=course.therapist,
        people_count=len(people),
        people_with_details=sum(1 for p in people.values() if p.has_details),
    )
    goals = list(scenario["goals"]) + [""] * (3 - len(scenario["goals"]))
    Formulation.objects.create(
        course=course,
        number=1,
        primary_area=scenario["area"],
        onset_event=next(e for e in events if not e.is_mood_marker),
        worksheet={scenario["area"]: scenario["worksheet"]},
        plain_words=scenario["plain"],
        goal_1=goals[0],
        goal_2=goals[1],
        goal_3=goals[2],
        shared_on=shared_on,
        client_agreed=True,
        client_words=scenario["words"],
        author=course.therapist,
    )
