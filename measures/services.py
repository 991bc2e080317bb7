"""Writes for questionnaires, risk flags, reviews and safety plans: atomic, audited."""

import datetime

from django.db import transaction
from django.utils import timezone

from audit.trail import record
from measures import instruments
from measures.models import (
    QuestionnaireResponse,
    RiskFlag,
    RiskLevel,
    RiskReview,
    RiskSource,
    SafetyPlan,
)
from measures.scores import refresh_ends

SESSION_RISK_LEVELS = {"moderate": RiskLevel.MODERATE, "high": RiskLevel.HIGH}


class QuestionnaireRejected(ValueError):
    """The answers could not be saved; ``errors`` maps an item key (or "" for the form) to a message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class StaleSafetyPlan(Exception):
    """Someone saved the safety plan since this copy was loaded."""

    def __init__(self, current: SafetyPlan):
        super().__init__("The safety plan was changed since you opened it.")
        self.current = current


class FlagAlreadyClosed(Exception):
    pass


def record_response(
    *,
    course,
    instrument_code: str,
    answers: dict[str, str],
    completed_on: datetime.date,
    by,
    session=None,
    by_client: bool = False,
    pending_flag: RiskFlag | None = None,
) -> QuestionnaireResponse:
    """Score and store one questionnaire; open a risk flag at once when a risk item is positive.

    The total, band and risk come only from ``instruments.score``: the caller cannot supply them.
    ``by_client``: the client answered it on their own device; ``by`` is then the clinician who
    issued their link, and the audit rows have no actor (the client has no account).
    ``pending_flag``: the open flag the same questionnaire raised while it was still unfinished
    (``raise_flag_for_unfinished_questionnaire``); it is linked to the stored answers instead
    of a second flag being opened for the same answer.
    """
    instrument = instruments.get(instrument_code)
    result = instruments.score(instrument, answers)
    if not result.complete:
        raise QuestionnaireRejected(result.errors)
    if session is not None and session.course_id != course.pk:
        raise QuestionnaireRejected({"session": "That session belongs to another course."})
    with transaction.atomic():
        response = QuestionnaireResponse.objects.create(
            course=course,
            session=session,
            instrument=instrument.code,
            completed_on=completed_on,
            answers=result.answers,
            total=result.total,
            band=result.band.label,
            risk_positive=result.risk_positive,
            imputed_items=list(result.imputed_items),
            entered_by=by,
            completed_by_client=by_client,
        )
        actor = None if by_client else by
        record(
            actor,
            "questionnaire.create",
            response,
            client=course.client,
            detail={"instrument": instrument.code, "total": result.total}
            | ({"by_client": True} if by_client else {}),
        )
        refresh_ends(course.pk, instrument.code)
        if result.risk_positive and pending_flag is not None and pending_flag.is_open:
            pending_flag.response = response
            pending_flag.save(update_fields=["response"])
        elif result.risk_positive:
            items = ", ".join(f"item {item.key}" for item in result.risk_items)
            where = " by the client, on their own device," if by_client else ""
            flag = RiskFlag.objects.create(
                course=course,
                level=RiskLevel.SCREEN,
                source=RiskSource.QUESTIONNAIRE,
                response=response,
                session=session,
                reason=f"{instrument.short_name} {items} answered positively{where} "
                f"on {completed_on:%d %b %Y}.",
                raised_by=by,
            )
            record(actor, "risk.flag", flag, client=course.client, detail={"level": flag.level})
    return response


def raise_flag_for_unfinished_questionnaire(session, instrument, risk_items, by) -> RiskFlag:
    """Open the risk flag for a positive risk item in a questionnaire not yet finished.

    The unfinished questionnaire is never scored, but its risk answer was given and must not
    wait for the remaining items: the flag opens as the complete questionnaire's would.
    """
    items = ", ".join(f"item {item.key}" for item in risk_items)
    course = session.course
    on = timezone.localtime(session.held_at).date() if session.held_at else timezone.localdate()
    with transaction.atomic():
        flag = RiskFlag.objects.create(
            course=course,
            level=RiskLevel.SCREEN,
            source=RiskSource.QUESTIONNAIRE,
            session=session,
            reason=f"{instrument.short_name} {items} answered positively "
            f"on {on:%d %b %Y} (questionnaire not yet finished).",
            raised_by=by,
        )
        record(by, "risk.flag", flag, client=course.client, detail={"level": flag.level})
    return flag


def void_response(response: QuestionnaireResponse, *, by, reason: str) -> QuestionnaireResponse:
    """Mark a questionnaire entered in error. It stays on record; a flag it raised stays open
    until reviewed, because the answer was given even if it was recorded wrongly."""
    if not reason.strip():
        raise ValueError("Say why the questionnaire is being voided.")
    with transaction.atomic():
        locked = QuestionnaireResponse.objects.select_for_update().get(pk=response.pk)
        if locked.is_void:
            return locked
        locked.voided_at = timezone.now()
        locked.voided_by = by
        locked.void_reason = reason.strip()
        locked.save(update_fields=["voided_at", "voided_by", "void_reason"])
        refresh_ends(locked.course_id, locked.instrument)
        record(by, "questionnaire.void", locked, client=locked.course.client)
    return locked


def raise_flags_for_session(session, by) -> RiskFlag | None:
    """Open (or raise the level of) the risk flag for a session rated moderate or high risk.

    Called by the session save service inside its own transaction, on every save, so it must be
    idempotent: one flag per session. An open flag is raised to a higher level; a flag already
    closed by a review is reopened as a new flag only when the rating has gone up since.
    """
    level = SESSION_RISK_LEVELS.get(session.risk_level or "")
    if level is None or session.is_void:
        return None
    course = session.course
    with transaction.atomic():
        existing = (
            RiskFlag.objects.select_for_update()
            .filter(session=session, source=RiskSource.SESSION)
            .order_by("-raised_at", "-id")
            .first()
        )
        if existing is not None and existing.level >= level:
            return existing if existing.is_open else None
        if existing is not None and existing.is_open:
            existing.level = level
            existing.reason = _session_reason(session, level)
            existing.save(update_fields=["level", "reason"])
            record(by, "risk.raise", existing, client=course.client, detail={"level": level})
            return existing
        flag = RiskFlag.objects.create(
            course=course,
            level=level,
            source=RiskSource.SESSION,
            session=session,
            reason=_session_reason(session, level),
            raised_by=by,
        )
        record(by, "risk.flag", flag, client=course.client, detail={"level": level})
        return flag


def raise_flag_for_booster(booster, by) -> RiskFlag | None:
    """Open the risk flag for a booster session rated moderate or high risk, on its course.

    The course stays completed: the flag is read wherever open flags are (the course's banner,
    the caseload's and the dashboard's list of ended courses with risk still open) and closed
    by the usual review. A booster is recorded once, so this runs once per booster.
    """
    level = SESSION_RISK_LEVELS.get(booster.risk_level or "")
    if level is None:
        return None
    course = booster.course
    label = RiskLevel(level).label.lower()
    flag = RiskFlag.objects.create(
        course=course,
        level=level,
        source=RiskSource.BOOSTER,
        booster=booster,
        reason=f"Therapist rated suicide risk {label} in a booster session "
        f"on {booster.held_on:%d %b %Y}.",
        raised_by=by,
    )
    record(by, "risk.flag", flag, client=course.client, detail={"level": level})
    return flag


def _session_reason(session, level: int) -> str:
    label = RiskLevel(level).label.lower()
    where = f"session {session.number}" if session.number else "an appointment"
    return f"Therapist rated suicide risk {label} in {where}."


def close_flag(flag: RiskFlag, *, by, assessment: str, actions: str, contacted: str) -> RiskReview:
    """Close an open flag by recording its review. Every part of the review is required."""
    missing = [
        name
        for name, text in (
            ("assessment", assessment),
            ("actions", actions),
            ("contacted", contacted),
        )
        if not text.strip()
    ]
    if missing:
        raise ValueError(f"A risk review needs: {', '.join(missing)}.")
    with transaction.atomic():
        locked = RiskFlag.objects.select_for_update().get(pk=flag.pk)
        if not locked.is_open:
            raise FlagAlreadyClosed
        review = RiskReview.objects.create(
            flag=locked,
            assessment=assessment.strip(),
            actions=actions.strip(),
            contacted=contacted.strip(),
            reviewed_by=by,
        )
        locked.closed_at = timezone.now()
        locked.save(update_fields=["closed_at"])
        record(by, "risk.review", locked, client=locked.course.client)
    flag.closed_at = locked.closed_at
    return review


def save_safety_plan(course, *, by, data: dict[str, str], version: int | None) -> SafetyPlan:
    """Create or update the course's safety plan, refusing a save made on a stale copy."""
    fields = {name: (data.get(name) or "").strip() for name in SafetyPlan.SECTIONS}
    with transaction.atomic():
        plan = SafetyPlan.objects.select_for_update().filter(course=course).first()
        if plan is None:
            plan = SafetyPlan.objects.create(course=course, updated_by=by, **fields)
            record(by, "safety_plan.create", plan, client=course.client)
            return plan
        if version != plan.version:
            raise StaleSafetyPlan(plan)
        for name, value in fields.items():
            setattr(plan, name, value)
        plan.updated_by = by
        plan.version += 1
        plan.save()
        record(
            by, "safety_plan.update", plan, client=course.client, detail={"version": plan.version}
        )
    return plan
