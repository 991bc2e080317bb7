"""Demo initial-phase records for ``cases.demo``: suitability when each course opens, the length
agreed in session 1, the sick role in session 2 and, for courses run to the end, the roles taken
back in the last session. Written through the services, so each has its audit row."""

import datetime

from django.utils import timezone

from cases.models import Course, LengthAgreement, SickRoleEntry, SuitabilityRecord
from cases.models.initial_records import last_session_date
from cases.services import initial_records as services

# Why IPT, by adaptation: the client's situation, in the words a clinician would write.
WHY_IPT = {
    "standard": "Depression began with trouble in close relationships the client can name; "
    "wants focused, time-limited help with them.",
    "ipt_a": "Low mood since problems at home and with friends at school; young person and "
    "mother both want short, focused help. Age fits IPT-A.",
    "late_life": "Depression after changes in later life (loss, retirement, health); keen to "
    "talk about the people involved rather than do homework sheets.",
    "perinatal": "Low mood since the baby's birth, with strain in the couple relationship and "
    "less contact with friends; prefers talking therapy while breastfeeding.",
}
EXCLUSIONS = (
    "No psychotic symptoms or mania; no current crisis (suicide risk asked, low); alcohol "
    "within safe limits; no memory problems that would get in the way."
)
ALTERNATIVES = {
    "standard": "Antidepressant through the GP and CBT were discussed; chose IPT, GP informed.",
    "ipt_a": "School counselling and CBT for young people were discussed; chose IPT-A with a "
    "parent joining some sessions.",
    "late_life": "Medication review with the GP and a befriending service were discussed; "
    "chose IPT alongside the medication review.",
    "perinatal": "Medication compatible with breastfeeding and a perinatal group were "
    "discussed; chose individual IPT.",
}
SICK_ROLE = {
    "standard": "Eases off extra shifts and evening emails for now; family told. Keeps the "
    "daily walk and the sessions.",
    "ipt_a": "Agreed with school a lighter homework load for six weeks; mum knows low mood is "
    "an illness, not laziness.",
    "late_life": "Daughter does the big shop for a month; keeps the allotment as far as energy "
    "allows.",
    "perinatal": "Partner takes the night feeds at weekends; visits from family limited to two "
    "a week for now.",
}
RESUMED = "Back to the usual work and home roles; keeps one evening a week free, as agreed."


def suitability_for(adaptation: str) -> SuitabilityRecord:
    """The suitability record typed when the demo course is opened (unsaved)."""
    return SuitabilityRecord(
        why_ipt=WHY_IPT.get(adaptation, WHY_IPT["standard"]),
        exclusions_considered=EXCLUSIONS,
        alternatives_offered=ALTERNATIVES.get(adaptation, ALTERNATIVES["standard"]),
    )


def _held_on(course: Course, number: int) -> datetime.date | None:
    session = course.sessions.attended().filter(number=number).first()
    return timezone.localdate(session.held_at) if session and session.held_at else None


def record_agreements(course: Course, *, ran_to_the_end: bool) -> None:
    """Call after the sessions are held and before the course is closed."""
    therapist = course.therapist
    first, second = _held_on(course, 1), _held_on(course, 2)
    if first:
        with_whom = "The client and her mother" if course.adaptation == "ipt_a" else "The client"
        services.agree_length(
            therapist,
            course,
            LengthAgreement(
                ends_by=last_session_date(course.start_date, course.planned_sessions)
                + datetime.timedelta(weeks=1),
                agreed_on=first,
                agreed_with=with_whom,
            ),
        )
    if second:
        services.record_sick_role(
            therapist,
            course,
            SickRoleEntry(
                kind="given",
                on=second,
                agreed=SICK_ROLE.get(course.adaptation, SICK_ROLE["standard"]),
            ),
        )
    last = _held_on(course, course.attended_count)
    if ran_to_the_end and second and last:
        services.record_sick_role(
            therapist, course, SickRoleEntry(kind="resumed", on=last, agreed=RESUMED)
        )
