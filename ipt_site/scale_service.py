"""A made-up service the size of a real one, for measuring pages (``manage.py seed_scale``).

Everything is inserted in bulk: users, clients, one course each (in every status and, for the
active ones, every phase), weekly attended sessions with signed notes (trainees' notes awaiting
or holding a co-signature, the latest notes of active courses still drafts), PHQ-9 and GAD-7
at assessment and at every session, risk flags (most reviewed and closed), inventories,
formulations, focal-area work, and the audit rows such a history leaves. The audit rows are
chained exactly as ``audit.chain.append`` chains them (same hash, same order, under the same
lock), only dated in the past, so ``verify_audit`` passes.

The same ``seed`` and sizes give the same service (dates are relative to today).
"""

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from accounts.models import User
from audit import chain
from audit.models import AuditEvent
from cases.focal_areas import FocalArea
from cases.models import Client, Course
from cases.models.courses import Adaptation, CourseStatus, EndReason
from cases.phases import phase_for
from ipt_site.scale_measures import AREAS, MeasuresBuilder
from sessions.models import Attendance, FocalAreaWork, NoteStatus, Session
from sessions.tallies import rebuild_tallies

PASSWORD = "demo-pass-2026"  # noqa: S105 - the demo password, as seed_demo
BATCH = 2000
GIVEN = ["Alex", "Sam", "Jo", "Priya", "Leo", "Ella", "Tom", "Ana", "Ravi", "Mia", "Omar", "Lena"]
FAMILY = ["Hale", "Reyes", "Okafor", "Novak", "Singh", "Moreau", "Brennan", "Costa", "Ahmed"]
FAMILY += ["Lindqvist", "Park", "Duarte", "Walsh", "Haddad", "Kowalski", "Mensah", "Fischer"]
TASKS = [
    "Tell Dan one thing I need at weekends",
    "Call Priya and suggest a walk",
    "Write down what I miss about the old job",
    "Visit the grave with my sister",
    "Say no once this week without apologising",
    "Join the Thursday book group again",
]
NOTES = [
    "Mood a little lower after a difficult week at home; we linked it to the row on Sunday.",
    "Reviewed the task; partly done. Role-played the conversation with her partner.",
    "Talked through the loss and what the relationship meant; tearful but engaged.",
    "Explored the new role's demands and the support she could ask for.",
    "Communication analysis of the argument: what was meant and what was heard.",
]
# Share of courses by status (the rest are completed).
PLANNED, ACTIVE, ENDED_EARLY = 0.05, 0.23, 0.15
AREA_TEXT = {
    FocalArea.GRIEF: {
        "mourning": "Went through photos of her mother.",
        "restoring": "Saw a friend.",
    },
    FocalArea.ROLE_DISPUTE: {"dispute_with": "Partner", "client_expectations": "More help."},
    FocalArea.ROLE_TRANSITION: {"old_role": "Full-time nurse", "new_role": "Parent at home"},
    FocalArea.INTERPERSONAL_DEFICITS: {"pattern": "Withdraws when hurt", "practice_step": "Ask."},
}


@dataclass
class Sizes:
    therapists: int = 50
    supervisors: int = 5
    clients: int = 5000
    seed: int = 2026


@dataclass
class Built:
    counts: dict[str, int] = field(default_factory=dict)
    audit: list[tuple[datetime.datetime, AuditEvent]] = field(default_factory=list)

    def add(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + n


def _aware(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


class ServiceBuilder(MeasuresBuilder):
    def __init__(self, sizes: Sizes):
        self.sizes = sizes
        self.rng = random.Random(sizes.seed)
        self.today = timezone.localdate()
        self.built = Built()
        self.password = make_password(PASSWORD)

    # People -----------------------------------------------------------------------------------

    def users(self) -> None:
        def user(username, role, first, last, **extra):
            return User(
                username=username,
                role=role,
                first_name=first,
                last_name=last,
                password=self.password,
                mfa_exempt_in_debug=True,
                **extra,
            )

        n = self.sizes
        self.supervisors = User.objects.bulk_create(
            user(f"scale-supervisor{i}", User.Role.SUPERVISOR, "Sup", f"Visor{i}")
            for i in range(1, n.supervisors + 1)
        )
        self.therapists = User.objects.bulk_create(
            user(
                f"scale-therapist{i}",
                User.Role.THERAPIST,
                self.rng.choice(GIVEN),
                f"{self.rng.choice(FAMILY)}{i}",
                supervisor=self.supervisors[i % len(self.supervisors)],
                is_trainee=i % 10 == 5,
            )
            for i in range(1, n.therapists + 1)
        )
        User.objects.bulk_create([user("scale-admin", User.Role.SERVICE_ADMIN, "Ser", "Vice")])
        self.built.add("users", n.supervisors + n.therapists + 1)

    def clients_and_courses(self) -> None:
        rng, today = self.rng, self.today
        clients, plans = [], []
        for i in range(self.sizes.clients):
            therapist = self.therapists[i % len(self.therapists)]
            roll = rng.random()
            if roll < PLANNED:
                status = CourseStatus.PLANNED
            elif roll < PLANNED + ACTIVE:
                status = CourseStatus.ACTIVE
            elif roll < PLANNED + ACTIVE + ENDED_EARLY:
                status = CourseStatus.ENDED_EARLY
            else:
                status = CourseStatus.COMPLETED
            planned = rng.choice([12, 14, 16, 16, 16])
            if status == CourseStatus.PLANNED:
                attended = 0
                start = today + datetime.timedelta(days=rng.randint(3, 30))
            elif status == CourseStatus.ACTIVE:
                attended = rng.randint(0, planned + 1)  # every phase, a few past the plan
                start = today - datetime.timedelta(weeks=attended, days=rng.randint(1, 5))
            elif status == CourseStatus.ENDED_EARLY:
                attended = rng.randint(1, 8)
                start = today - datetime.timedelta(weeks=rng.randint(attended + 2, 130))
            else:
                attended = rng.randint(max(planned - 2, 12), planned)
                start = today - datetime.timedelta(weeks=rng.randint(attended + 1, 130))
            clients.append(
                Client(
                    record_number=f"SC{i + 1:06d}",
                    given_name=rng.choice(GIVEN),
                    family_name=rng.choice(FAMILY),
                    date_of_birth=datetime.date(rng.randint(1950, 2000), rng.randint(1, 12), 15),
                    registered_by=therapist,
                    referral_date=start - datetime.timedelta(days=21),
                    consent_date=start - datetime.timedelta(days=7),
                    # A few clients of finished courses are archived.
                    archived_at=_aware(start + datetime.timedelta(weeks=attended + 4))
                    if status == CourseStatus.COMPLETED and rng.random() < 0.05
                    else None,
                )
            )
            if clients[-1].archived_at:
                clients[-1].archive_reason = "Discharged to GP care."
            plans.append((therapist, status, planned, attended, start))
        clients = Client.objects.bulk_create(clients, batch_size=BATCH)
        courses = []
        for client, (therapist, status, planned, attended, start) in zip(
            clients, plans, strict=True
        ):
            ended = start + datetime.timedelta(weeks=attended + 1)
            courses.append(
                Course(
                    client=client,
                    therapist=therapist,
                    adaptation=self.rng.choice(
                        [Adaptation.STANDARD] * 8 + [Adaptation.LATE_LIFE, Adaptation.GROUP]
                    ),
                    planned_sessions=planned,
                    start_date=start,
                    session_minutes=50,
                    diagnosis="Depressive episode, moderate",
                    status=status,
                    started_on=start if status != CourseStatus.PLANNED else None,
                    ended_on=ended if status in (CourseStatus.COMPLETED, "ended_early") else None,
                    end_reason=self.rng.choice(list(EndReason.values))
                    if status == CourseStatus.ENDED_EARLY
                    else "",
                )
            )
        self.courses = Course.objects.bulk_create(courses, batch_size=BATCH)
        self.attended = {c.pk: plan[3] for c, plan in zip(self.courses, plans, strict=True)}
        self.built.add("clients", len(clients))
        self.built.add("courses", len(courses))
        for course in self.courses:
            when = _aware(course.start_date - datetime.timedelta(days=21), 9)
            self.audit(when, course.therapist, "client.create", course.client, course.client_id)
            self.audit(when, course.therapist, "course.update", course, course.client_id)

    # Clinical records -------------------------------------------------------------------------

    def sessions(self) -> None:
        rng = self.rng
        sessions, finals = [], []
        for course in self.courses:
            attended = self.attended[course.pk]
            trainee = course.therapist.is_trainee
            for number in range(1, attended + 1):
                held = _aware(course.start_date + datetime.timedelta(weeks=number - 1))
                latest = course.status == CourseStatus.ACTIVE and number >= attended - 1
                if latest and rng.random() < 0.5:
                    final = NoteStatus.DRAFT
                elif trainee:
                    final = NoteStatus.SIGNED if latest else NoteStatus.COSIGNED
                else:
                    final = NoteStatus.SIGNED
                phase = phase_for(number, course.planned_sessions)
                sessions.append(
                    Session(
                        course=course,
                        scheduled_for=held,
                        attendance=Attendance.ATTENDED,
                        held_at=held,
                        duration_minutes=50,
                        number=number,
                        mood_rating=rng.randint(2, 8),
                        mood_account="Low most days, better after seeing friends.",
                        task_review=rng.choice(["done", "partly", "not_done"]),
                        risk_asked=True,
                        risk_level="none" if rng.random() < 0.9 else "low",
                        next_task=rng.choice(TASKS) if rng.random() < 0.85 else "",
                        note=rng.choice(NOTES),
                        diagnosis_given=phase == "initial",
                        sessions_remaining_discussed=phase == "termination",
                        ending_feelings="Sad to stop, proud of the work."
                        if phase == "termination"
                        else "",
                        author=course.therapist,
                        signed_at=held + datetime.timedelta(hours=3)
                        if final != NoteStatus.DRAFT
                        else None,
                        signed_by=course.therapist if final != NoteStatus.DRAFT else None,
                        cosigned_at=held + datetime.timedelta(days=2)
                        if final == NoteStatus.COSIGNED
                        else None,
                        cosigned_by=course.therapist.supervisor
                        if final == NoteStatus.COSIGNED
                        else None,
                    )
                )
                finals.append(final)
            if course.status == CourseStatus.ACTIVE:
                nxt = _aware(course.start_date + datetime.timedelta(weeks=attended))
                if nxt < timezone.now():
                    nxt = _aware(self.today + datetime.timedelta(days=rng.randint(1, 6)))
                sessions.append(Session(course=course, scheduled_for=nxt, author=course.therapist))
                finals.append(None)
            if course.status == CourseStatus.ENDED_EARLY:
                day = course.start_date + datetime.timedelta(weeks=attended)
                sessions.append(
                    Session(
                        course=course,
                        scheduled_for=_aware(day),
                        attendance=Attendance.DID_NOT_ATTEND,
                        author=course.therapist,
                    )
                )
                finals.append(None)
        # Drafts first: parts of a note cannot be added once it is signed (audit.protection).
        self.session_rows = Session.objects.bulk_create(sessions, batch_size=BATCH)
        self.built.add("sessions", len(sessions))
        self.built.add("courses with attended sessions", rebuild_tallies())
        work = []
        for session in self.session_rows:
            if session.number and phase_for(session.number, 16) == "middle" and rng.random() < 0.4:
                area = AREAS[session.course_id % len(AREAS)]
                work.append(FocalAreaWork(session=session, area=area, **AREA_TEXT[area]))
        FocalAreaWork.objects.bulk_create(work, batch_size=BATCH)
        self.built.add("focal-area work", len(work))
        for status in (NoteStatus.SIGNED, NoteStatus.COSIGNED):
            ids = [s.pk for s, f in zip(self.session_rows, finals, strict=True) if f == status]
            for start in range(0, len(ids), BATCH):
                Session.objects.filter(pk__in=ids[start : start + BATCH]).update(status=status)
        for session, final in zip(self.session_rows, finals, strict=True):
            if session.number:
                client = session.course.client_id
                who = session.course.therapist
                self.audit(session.held_at, who, "session.create", session, client)
                self.audit(session.held_at, who, "view", session.course, client)
                self.audit(session.held_at, who, "view", session, client)
                self.audit(session.held_at, who, "view", session.course.client, client)
                self.audit(session.held_at, who, "session.update", session, client)
                if final != NoteStatus.DRAFT:
                    self.audit(session.signed_at, who, "session.sign", session, client)
                if final == NoteStatus.COSIGNED:
                    supervisor = who.supervisor
                    self.audit(session.cosigned_at, supervisor, "note.cosign", session, client)

    # Audit ------------------------------------------------------------------------------------

    def audit(self, when, actor, action: str, obj, client_id) -> None:
        event = AuditEvent(
            actor=actor,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            client_id=client_id,
            ip="10.0.0.1",
            request_id="",
            detail={},
        )
        self.built.audit.append((when, event))

    def write_audit(self) -> None:
        """Chain the collected rows in time order, as ``audit.chain.append`` would have when
        they happened: same key, hash and lock; dated in the past, never before the last row
        already there."""
        rows = sorted(self.built.audit, key=lambda pair: pair[0])
        key = chain.chain_key()
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [chain.ADVISORY_LOCK_ID])
            last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash", "at").first()
            seq, prev, last_at = last if last else (0, chain.GENESIS, None)
            now = timezone.now()
            events = []
            for when, event in rows:
                seq += 1
                at = min(max(when, last_at) if last_at else when, now)
                event.seq, event.at, event.prev_hash = seq, at, prev
                event.hash = prev = chain.link_hash(key, prev, chain.event_content(event))
                events.append(event)
            # The one insert path's own bulk insert, in slices (the chain is already built).
            for start in range(0, len(events), BATCH * 5):
                part = events[start : start + BATCH * 5]
                models.QuerySet(AuditEvent).bulk_create(part, batch_size=BATCH)
        self.built.add("audit rows", len(events))

    def build(self) -> Built:
        with transaction.atomic():
            self.users()
            self.clients_and_courses()
            self.sessions()
            self.questionnaires()
            self.inventories_and_formulations()
        self.write_audit()
        return self.built
