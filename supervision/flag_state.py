"""Each course's flags and sort values, worked out by the flag rules and stored
(``CourseFlagState``) so the dashboard filters, sorts and pages hundreds of courses in the
database and builds only the rows it shows.

Never stale when read (docs/clinical-safety.md, H53):
- every write to a course or to any record of it bumps the course's ``version`` in the same
  transaction: database triggers, whoever writes (``sources``, ``audit.course_versions``);
- a reader first reads the versions, then the facts, and stores the version it read
  (``refresh``): a write committed meanwhile leaves the row stale, never wrongly fresh;
- a change to the rules' code or settings changes ``rules_signature`` and so every row;
- open risk is never stored: it is read live in the same query as the rows;
- the two flags that depend on the day are stored as the first day they are true
  (``unsigned_from``, ``overdue_from``) and compared with today in SQL.
"""

import datetime
import hashlib
import inspect
import logging
from functools import cache, lru_cache

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.urls import reverse

from audit.course_versions import Source
from cases.evidence import session_url
from cases.focal_areas import FocalArea
from cases.phases import PHASES
from measures.queries import outcomes_for
from supervision import flags as flag_rules
from supervision.flags import (
    FLAGS,
    UNSIGNED_STATUSES,
    CourseFacts,
    Flag,
    working_days_between,
)
from supervision.models import CourseFlagState

logger = logging.getLogger(__name__)

# Read live (risk) or from the stored day they become true (unsigned, overdue).
LIVE = frozenset({"risk", "unsigned", "overdue"})
BITS: dict[str, int] = {flag.key: 1 << i for i, flag in enumerate(FLAGS) if flag.key not in LIVE}

STATE_FIELDS = (
    "computed_version",
    "rules",
    "flags",
    "flag_count",
    "unsigned_from",
    "overdue_from",
    "phase_rank",
    "focal_area",
    "secondary_area",
    "depression_first",
    "depression_last",
    "depression_series",
    "outcome_rank",
    "outcome_summary",
    "links",
)


@cache
def rules_signature() -> str:
    """Changes whenever the code or the settings the flags and sort values are worked out
    by change, so a deployment never reads values stored by older rules."""
    from cases import outcomes, phases
    from measures import mania, queries
    from measures.instruments import registry
    from supervision import fidelity_records, flag_facts, focal_work, traps

    digest = hashlib.sha1(usedforsecurity=False)
    for module in (flag_rules, flag_facts, traps, focal_work, fidelity_records, outcomes):
        digest.update(inspect.getsource(module).encode())
    for module in (phases, mania, queries, registry):
        digest.update(inspect.getsource(module).encode())
    digest.update(
        repr(
            (
                settings.TIME_ZONE,
                settings.OUTCOME_NOT_ON_TRACK_FROM_SESSION,
                settings.OUTCOME_NOT_ON_TRACK_MIN_PHQ9_FALL,
                tuple(flag.key for flag in FLAGS),
                # The evidence links are stored: a change to their addresses changes them.
                session_url(1),
                reverse("formulation:version", args=[1, 1]),
            )
        ).encode()
    )
    return digest.hexdigest()


def stale_q(prefix: str = "flag_state__") -> Q:
    """Courses whose stored state is missing, older than their last write, or by old rules."""
    return (
        Q(**{f"{prefix}course__isnull": True})
        | Q(**{f"{prefix}computed_version__isnull": True})
        | Q(**{f"{prefix}computed_version__lt": F(f"{prefix}version")})
        | ~Q(**{f"{prefix}rules": rules_signature()})
    )


# The days two flags become true -----------------------------------------------------------


def unsigned_from(facts: CourseFacts) -> datetime.date | None:
    """The first day ``flags.unsigned_notes`` holds: more than the allowed working days
    after the earliest attended session whose note is not signed."""
    held = [s.held_on for s in facts.sessions if s.status in UNSIGNED_STATUSES]
    if not held:
        return None
    first = min(held)
    day = first
    while working_days_between(first, day) <= flag_rules.UNSIGNED_AFTER_WORKING_DAYS:
        day += datetime.timedelta(days=1)
    return day


def overdue_from(facts: CourseFacts) -> datetime.date | None:
    """The first day ``flags.overdue`` holds with no further write: the course began at least
    the allowed days before, and the last session was held more than that before."""
    course = facts.course
    if not flag_rules.overdue(
        CourseFacts(course, facts.outcome, datetime.date.max, facts.sessions)
    ):
        return None  # never, whatever the day (a course not active)
    after = datetime.timedelta(days=flag_rules.overdue_after_days(course))
    day = course.clinical_start + after
    last_held = max((s.held_on for s in facts.sessions), default=None)
    if last_held is not None:
        day = max(day, last_held + after + datetime.timedelta(days=1))
    return day


# Working it out ---------------------------------------------------------------------------


def compute(courses, versions: dict[int, int]) -> list[CourseFlagState]:
    """The state of ``courses`` (annotated by ``flags.with_flag_facts``) in a fixed number of
    queries, stamped with the ``versions`` read before their facts were."""
    courses = list(courses)
    outcomes = outcomes_for(courses)
    facts = flag_rules.facts_for(courses, outcomes)
    states = []
    for course in courses:
        f = facts[course.pk]
        outcome = outcomes[course.pk]
        keys = [flag.key for flag in flag_rules.raised(f) if flag.key not in LIVE]
        states.append(
            CourseFlagState(
                course_id=course.pk,
                version=versions.get(course.pk, 0),
                computed_version=versions.get(course.pk, 0),
                rules=rules_signature(),
                flags=sum(BITS[key] for key in keys),
                flag_count=len(keys),
                unsigned_from=unsigned_from(f),
                overdue_from=overdue_from(f),
                phase_rank=PHASES.index(course.phase),
                focal_area=FocalArea(course.primary_area).label if course.primary_area else "",
                secondary_area=(
                    FocalArea(course.secondary_area).label if course.secondary_area else ""
                ),
                depression_first=outcome.depression_first,
                depression_last=outcome.depression_last,
                depression_series=[r.total for r in outcome.depression_series],
                outcome_rank=outcome.outcome.rank,
                outcome_summary=outcome.outcome.summary,
                links={caught.key: caught.first_url for caught in f.caught.values()},
            )
        )
    return states


def refresh(scope) -> int:
    """Work out again the stale courses of ``scope`` (a Course queryset); returns how many.

    The versions are read first, then the facts; the version read is stored, so a write that
    commits in between leaves the row stale for the next reader. Storing is an upsert, so
    two readers at once never fail; if storing fails (a lock, a conflict) the rows stay stale
    and the next reader tries again."""
    from cases.models import Course

    stale = dict(scope.filter(stale_q()).values_list("pk", "flag_state__version"))
    if not stale:
        return 0
    versions = {pk: version or 0 for pk, version in stale.items()}
    courses = flag_rules.with_flag_facts(Course.objects.filter(pk__in=list(versions)))
    states = sorted(compute(courses.order_by("pk"), versions), key=lambda s: s.course_id)
    try:
        with transaction.atomic():
            CourseFlagState.objects.bulk_create(
                states,
                update_conflicts=True,
                unique_fields=["course"],
                update_fields=list(STATE_FIELDS),
            )
    except DatabaseError:
        pass  # left stale: worked out again on the next read
    return len(states)


# What bumps a version ---------------------------------------------------------------------


def _path_to_course(model, course_model, session_model) -> list[str] | None:
    queryset = model._default_manager.get_queryset()
    path = getattr(queryset, "course_path", None)
    if path:
        return path.split("__")
    relations = [
        f for f in model._meta.concrete_fields if f.is_relation and (f.many_to_one or f.one_to_one)
    ]
    for field in relations:
        if field.related_model is course_model:
            return [field.name]
    for field in relations:
        if field.related_model is session_model:
            return [field.name, "course"]
    return None


def _course_sql(model, path: list[str]) -> str:
    field = model._meta.get_field(path[0])
    sql = f"{{row}}.{field.column}"
    related = field.related_model
    for name in path[1:]:
        step = related._meta.get_field(name)
        table, key = related._meta.db_table, related._meta.pk.column
        sql = f"(SELECT {step.column} FROM {table} WHERE {key} = {sql})"  # noqa: S608 - names
        related = step.related_model
    return sql


def sources() -> list[Source]:
    """Every table whose rows belong to a course: the course itself, each record with a
    path to it (``CourseScopedQuerySet.course_path``, or a key to the course or a session),
    and the link tables of many-to-many fields between them."""
    from django.apps import apps

    from cases.models import Course
    from sessions.models import Session

    found = [Source(Course._meta.db_table, "{row}.id", deletes=False)]
    for model in apps.get_models(include_auto_created=True):
        if model in (Course, CourseFlagState):
            continue
        path = _path_to_course(model, Course, Session)
        if path:
            found.append(Source(model._meta.db_table, _course_sql(model, path)))
    return found


def flags_of(course, bits: int | None = None) -> list[Flag]:
    """The flags a course row raises (``dashboard_order.with_order_facts``, its state joined),
    in ``FLAGS`` order: the stored ones, open risk live, unsigned and overdue by their day."""
    bits = course.flag_state.flags if bits is None else bits
    return list(
        _raised(bits, bool(course.risk_open), bool(course.unsigned_now), bool(course.overdue_now))
    )


@lru_cache(maxsize=4096)
def _raised(bits: int, risk: bool, unsigned: bool, overdue: bool) -> tuple[Flag, ...]:
    """``flags_of`` for one combination (a few hundred at most: worked out once each)."""
    live = {"risk": risk, "unsigned": unsigned, "overdue": overdue}
    return tuple(flag for flag in FLAGS if live.get(flag.key) or bits & BITS.get(flag.key, 0))
