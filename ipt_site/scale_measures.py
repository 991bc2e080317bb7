"""The scale service's questionnaires, risk flags, inventories and formulations (a part of
``ipt_site.scale_service.ServiceBuilder``, split off by topic)."""

import datetime

from django.utils import timezone

from cases.focal_areas import FocalArea
from cases.models.courses import CourseStatus
from inventory.models import Formulation, InventoryCompletion, Person
from measures import instruments
from measures.models import QuestionnaireResponse, RiskFlag, RiskLevel, RiskReview, RiskSource
from measures.scores import rebuild_classifications, rebuild_ends
from sessions.models import Session

BATCH = 2000
AREAS = [a.value for a in FocalArea]


def aware(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _answers(code: str, total: int, risky: bool) -> dict[str, str]:
    """Answers adding up to ``total`` (option codes are the scores: PHQ-9 / GAD-7 style)."""
    instrument = instruments.get(code)
    answers = {item.key: "0" for item in instrument.items}
    keys = [item.key for item in instrument.scored_items if not item.is_risk_item]
    left = total
    for key in keys:
        step = min(3, left)
        answers[key] = str(step)
        left -= step
    if risky:
        risk_key = next(item.key for item in instrument.items if item.is_risk_item)
        answers[risk_key] = "1"
    return answers


def _score(code: str, total: int, risky: bool) -> tuple[dict, int, str, bool]:
    result = instruments.score(instruments.get(code), _answers(code, total, risky))
    return result.answers, result.total, result.band.label, result.risk_positive


class MeasuresBuilder:
    def questionnaires(self) -> None:
        """PHQ-9 and GAD-7 at assessment and at every attended session; most courses improve,
        some do not, a few get worse. A positive item 9 raises a flag, mostly reviewed."""
        rng, responses, meta = self.rng, [], []
        by_course: dict[int, list[Session]] = {}
        for session in self.session_rows:
            if session.number:
                by_course.setdefault(session.course_id, []).append(session)
        for course in self.courses:
            if course.status == CourseStatus.PLANNED:
                continue
            start_phq, start_gad = rng.randint(8, 24), rng.randint(6, 19)
            slope = rng.choice([-1.0, -0.8, -0.6, -0.3, 0.0, 0.4])
            points = [(None, course.start_date - datetime.timedelta(days=7))]
            points += [(s, s.held_at.date()) for s in by_course.get(course.pk, [])]
            for step, (session, day) in enumerate(points):
                phq = min(max(round(start_phq + slope * step + rng.randint(-2, 2)), 0), 24)
                gad = min(max(round(start_gad + slope * 0.8 * step + rng.randint(-2, 2)), 0), 21)
                risky = phq >= 15 and rng.random() < 0.04
                for code, total, positive in (("phq9", phq, risky), ("gad7", gad, False)):
                    answers, total, band, risk = _score(code, total, positive)
                    responses.append(
                        QuestionnaireResponse(
                            course=course,
                            session=session,
                            instrument=code,
                            completed_on=day,
                            answers=answers,
                            total=total,
                            band=band,
                            risk_positive=risk,
                            entered_by=course.therapist,
                        )
                    )
                    meta.append((course, day, risk))
        responses = QuestionnaireResponse.objects.bulk_create(responses, batch_size=BATCH)
        self.built.add("questionnaire responses", len(responses))
        self.built.add("first and latest scores", rebuild_ends())
        self.built.add("outcome classifications", rebuild_classifications())
        flags = []
        for response, (course, day, risk) in zip(responses, meta, strict=True):
            self.audit(
                aware(day, 11),
                course.therapist,
                "questionnaire.record",
                response,
                course.client_id,
            )
            if risk:
                flags.append(
                    RiskFlag(
                        course=course,
                        level=RiskLevel.SCREEN,
                        source=RiskSource.QUESTIONNAIRE,
                        response=response,
                        reason="PHQ-9 item 9 answered positively.",
                        raised_by=course.therapist,
                    )
                )
        flags = RiskFlag.objects.bulk_create(flags, batch_size=BATCH)
        reviewed = []
        for flag in flags:
            # Open: about a third of the flags on active courses, a few on ended ones.
            still_open = rng.random() < (0.35 if flag.course.status == "active" else 0.03)
            self.audit(
                aware(flag.response.completed_on, 11),
                flag.course.therapist,
                "risk.raise",
                flag,
                flag.course.client_id,
            )
            if not still_open:
                reviewed.append(flag)
        for start in range(0, len(reviewed), BATCH):
            part = reviewed[start : start + BATCH]
            RiskFlag.objects.filter(pk__in=[f.pk for f in part]).update(closed_at=timezone.now())
        RiskReview.objects.bulk_create(
            (
                RiskReview(
                    flag=flag,
                    assessment="Passive thoughts only; no plan or intent.",
                    actions="Safety plan reviewed; GP informed.",
                    contacted="GP by letter.",
                    reviewed_by=flag.course.therapist,
                )
                for flag in reviewed
            ),
            batch_size=BATCH,
        )
        self.built.add("risk flags", len(flags))
        self.built.add("risk flags open", len(flags) - len(reviewed))

    def inventories_and_formulations(self) -> None:
        """Three people, the inventory complete by session 3, a formulation shared at 4."""
        people, completions, formulations = [], [], []
        for course in self.courses:
            attended = self.attended[course.pk]
            if attended < 2:
                continue
            for name, rel in (("Partner", "partner"), ("Mum", "parent"), ("Priya", "friend")):
                people.append(Person(course=course, name=name, relationship=rel))
            if attended >= 3:
                day = course.start_date + datetime.timedelta(weeks=2)
                completions.append(
                    InventoryCompletion(
                        course=course,
                        completed_on=day,
                        completed_by=course.therapist,
                        people_count=3,
                    )
                )
            if attended >= 4:
                formulations.append(
                    Formulation(
                        course=course,
                        number=1,
                        primary_area=AREAS[course.pk % len(AREAS)],
                        plain_words="Low mood began when arguments at home became constant.",
                        goal_1="Say clearly what I need at weekends",
                        goal_2="Spend one evening a week with a friend",
                        shared_on=course.start_date + datetime.timedelta(weeks=3),
                        client_agreed=True,
                        author=course.therapist,
                    )
                )
        Person.objects.bulk_create(people, batch_size=BATCH)
        InventoryCompletion.objects.bulk_create(completions, batch_size=BATCH)
        Formulation.objects.bulk_create(formulations, batch_size=BATCH)
        self.built.add("people", len(people))
        self.built.add("formulations", len(formulations))
