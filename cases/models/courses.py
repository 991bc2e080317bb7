import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import (
    Q,
)
from django.urls import reverse

from cases import ports
from cases.course_kinds import (  # noqa: F401 (Adaptation and CourseDelivery are read from here)
    ADAPTATION_AGES,
    Adaptation,
    Cadence,
    CourseDelivery,
    CourseKind,
    adaptation_age_mismatch,
)
from cases.models.access import visible_courses_q
from cases.phases import (
    PHASE_LABELS,
    course_phase_for,
    course_phase_spans,
    member_phase_for,
    phase_spans,
)

STANDARD_MIN_SESSIONS = 12
STANDARD_MAX_SESSIONS = 16


class CourseStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"
    ENDED_EARLY = "ended_early", "Ended early"


class EndReason(models.TextChoices):
    DROPPED_OUT = "dropped_out", "Dropped out"
    MOVED_AWAY = "moved_away", "Moved away"
    REFERRED_ON = "referred_on", "Referred on"
    OTHER = "other", "Other"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


def current_q() -> Q:
    """Courses on a caseload (``CourseQuerySet.current``) as a condition, to combine."""
    return Q(status__in=[CourseStatus.PLANNED, CourseStatus.ACTIVE], client__archived_at=None)


class CourseQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CourseQuerySet":
        """The one access path to courses (and, through them, to every clinical record)."""
        return self.filter(visible_courses_q(user))

    def editable_by(self, user) -> "CourseQuerySet":
        """Courses whose records ``user`` may change: only the treating therapist's own."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(therapist=user)

    def unfinished(self) -> "CourseQuerySet":
        """Planned or active courses, archived clients included."""
        return self.filter(status__in=[CourseStatus.PLANNED, CourseStatus.ACTIVE])

    def search(self, text: str) -> "CourseQuerySet":
        """Courses whose client matches ``text`` by name or record number."""
        from cases.models.clients import Client

        if not text.strip():
            return self
        return self.filter(client__in=Client.objects.search(text).values("pk"))

    def with_progress(self, now=None) -> "CourseQuerySet":
        """Annotate what list pages show, so a page of courses costs one query, not one a row.

        ``attended``: attended, non-void sessions (read by ``Course.attended_count``);
        ``first_attended_on``/``last_attended_on``: the local dates the first and the last of
        them were held (read by ``Course.clinical_start``/``clinical_end``);
        ``next_appointment``: the earliest appointment still scheduled from ``now`` (default:
        the current time) on.
        """
        return self.select_related("client", "therapist").annotate(**ports.book().progress(now))

    def current(self) -> "CourseQuerySet":
        """Courses on a caseload: planned or active, of clients not archived."""
        return self.filter(current_q())


class Course(models.Model):
    """One client's time-limited course of IPT with one therapist."""

    client = models.ForeignKey("cases.Client", on_delete=models.PROTECT, related_name="courses")
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="courses"
    )
    adaptation = models.CharField(max_length=20, choices=Adaptation, default=Adaptation.STANDARD)
    delivery = models.CharField(
        max_length=20, choices=CourseDelivery, default=CourseDelivery.INDIVIDUAL
    )
    planned_sessions = models.PositiveSmallIntegerField(
        default=16,
        validators=[MinValueValidator(1), MaxValueValidator(40)],
        help_text="Agreed with the client at the start: 12 to 16 weekly sessions.",
    )
    length_reason = models.TextField(
        "reason for a length outside 12-16",
        blank=True,
        help_text="Needed only when the course is shorter than 12 or longer than 16 sessions.",
    )
    start_date = models.DateField(help_text="The date of the first appointment.")
    usual_weekday = models.PositiveSmallIntegerField(choices=Weekday, null=True, blank=True)
    usual_time = models.TimeField(null=True, blank=True)
    session_minutes = models.PositiveSmallIntegerField(
        "session length (minutes)", default=50, validators=[MinValueValidator(10)]
    )
    diagnosis = models.CharField("primary diagnosis", max_length=200, blank=True)
    icd11_code = models.CharField("ICD-11 code", max_length=20, blank=True)
    medication_note = models.TextField(
        "medication and prescriber coordination",
        blank=True,
        help_text="Current medication, who prescribes it, and how care is coordinated.",
    )
    status = models.CharField(max_length=20, choices=CourseStatus, default=CourseStatus.PLANNED)
    # The days the course was marked started and closed: when a button was pressed, kept for
    # the record. The clinical dates are ``clinical_start`` and ``clinical_end``.
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason, blank=True)
    end_note = models.TextField(blank=True)
    # Maintenance IPT: the completed acute course this one continues, and how often it meets.
    continues_course = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="maintenance_courses",
        verbose_name="acute course it continues",
    )
    cadence_weeks = models.PositiveSmallIntegerField(
        "how often sessions are held", choices=Cadence, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(status="active"),
                name="one_active_course_per_client",
                violation_error_message="This client already has an active course.",
            ),
            models.CheckConstraint(
                condition=Q(
                    planned_sessions__gte=STANDARD_MIN_SESSIONS,
                    planned_sessions__lte=STANDARD_MAX_SESSIONS,
                )
                | ~Q(length_reason=""),
                name="course_length_outside_12_16_has_reason",
                violation_error_message="A course outside 12-16 sessions needs a recorded reason.",
            ),
            models.CheckConstraint(
                condition=~Q(status="ended_early") | ~Q(end_reason=""),
                name="course_ended_early_has_reason",
                violation_error_message="An early ending needs a reason.",
            ),
            models.CheckConstraint(
                condition=Q(continues_course__isnull=True, cadence_weeks__isnull=True)
                | Q(continues_course__isnull=False, cadence_weeks__isnull=False),
                name="maintenance_course_has_cadence",
                violation_error_message="A maintenance course needs its cadence, and only it.",
            ),
        ]

    def __str__(self) -> str:
        return f"IPT course for {self.client} ({self.get_status_display().lower()})"

    def get_absolute_url(self) -> str:
        return reverse("cases:course_detail", kwargs={"course_id": self.pk})

    # The attended-session count is annotated by list queries (``attended``) to avoid a query
    # per row; a single course falls back to counting.
    @property
    def attended_count(self) -> int:
        annotated = getattr(self, "attended", None)
        if annotated is not None:
            return annotated
        # Through the appointment book (cases/ports.py): the sessions are sessions' records.
        progress = ports.book().progress()
        return (
            Course.objects.filter(pk=self.pk)
            .annotate(n=progress["attended"])
            .values_list("n", flat=True)
            .get()
        )

    @property
    def is_maintenance(self) -> bool:
        """A maintenance course: continues a completed acute course at a longer interval."""
        return self.continues_course_id is not None

    @property
    def kind(self) -> str:
        if self.is_maintenance:
            return CourseKind.MAINTENANCE
        if self.is_group_member:
            return CourseKind.GROUP_MEMBER
        return CourseKind.ACUTE

    @property
    def interval_weeks(self) -> int:
        """Weeks between planned sessions: one for an acute course, the cadence otherwise."""
        return self.cadence_weeks or 1

    def phase_of(self, session_number: int) -> str:
        """The phase of attended session ``session_number``: the rule of this course's kind
        (a group member's course: its pre-group meeting, then the group's rule)."""
        if self.is_group_member:
            return member_phase_for(session_number, self.planned_sessions)
        return course_phase_for(session_number, self.planned_sessions, self.is_maintenance)

    @property
    def is_open(self) -> bool:
        return self.status in (CourseStatus.PLANNED, CourseStatus.ACTIVE)

    @property
    def current_session_number(self) -> int:
        """The session the client is at: the next one to be held while the course is open.

        Past the last planned session this is larger than ``planned_sessions``: read it for
        the phase and for sorting, never print it as "N of planned" (``position`` says it).
        """
        attended = self.attended_count
        return attended + 1 if self.is_open else max(attended, 1)

    @property
    def extra_sessions(self) -> int:
        """Sessions held beyond the planned number."""
        return max(self.attended_count - self.planned_sessions, 0)

    @property
    def all_planned_held(self) -> bool:
        return self.attended_count >= self.planned_sessions

    @property
    def position(self) -> str:
        """Where the course stands, in words: never "Session 17 of 16"."""
        attended, planned = self.attended_count, self.planned_sessions
        extra = self.extra_sessions
        plus = f", plus {extra} extra" if extra else ""
        if not self.is_open:
            return f"{min(attended, planned)} of {planned} sessions held{plus}"
        if attended < planned:
            return f"Session {attended + 1} of {planned}"
        return f"All {planned} planned sessions held{plus}"

    @property
    def is_group_member(self) -> bool:
        return self.delivery == CourseDelivery.GROUP_MEMBER

    @property
    def phase(self) -> str:
        return self.phase_of(self.current_session_number)

    @property
    def phase_label(self) -> str:
        return PHASE_LABELS[self.phase]

    @property
    def phase_spans(self):
        if self.is_group_member:
            return phase_spans(self.planned_sessions, group_member=True)
        return course_phase_spans(self.planned_sessions, self.is_maintenance)

    @property
    def progress_cells(self) -> list[dict]:
        """One cell per planned session (and any held past the plan) for the phase progress bar.

        The next session is marked "current" only while it is a planned one; a session held
        past the plan is marked ``extra``.
        """
        attended = self.attended_count
        planned = self.planned_sessions
        current = attended + 1 if self.is_open and attended < planned else None
        return [
            {
                "number": number,
                "phase": self.phase_of(number),
                "phase_label": PHASE_LABELS[self.phase_of(number)],
                "done": number <= attended,
                "current": number == current,
                "extra": number > planned,
            }
            for number in range(1, max(planned, attended) + 1)
        ]

    # Clinical dates ------------------------------------------------------------------------

    def _attended_dates(self) -> tuple[datetime.date | None, datetime.date | None]:
        """(first, last) dates attended sessions were held: annotated by ``with_progress``
        on list pages; a single course reads them once and keeps them."""
        if hasattr(self, "first_attended_on"):
            return self.first_attended_on, self.last_attended_on
        # Kept under another name than the method's: an instance attribute named like the
        # method would shadow it, and a second call would find a tuple, not a method.
        if "_attended_dates_found" not in self.__dict__:
            progress = ports.book().progress()
            self.__dict__["_attended_dates_found"] = (
                Course.objects.filter(pk=self.pk)
                .annotate(first=progress["first_attended_on"], last=progress["last_attended_on"])
                .values_list("first", "last")
                .get()
            )
        return self.__dict__["_attended_dates_found"]

    @property
    def clinical_start(self) -> datetime.date:
        """The day the course began clinically: the first attended session; before any
        session is held, the planned start date (the first appointment)."""
        return self._attended_dates()[0] or self.start_date

    @property
    def clinical_end(self) -> datetime.date | None:
        """The day a closed course ended clinically: its last attended session. A course closed
        before any session was held has only the day it was closed. None while open."""
        if self.is_open:
            return None
        return self._attended_dates()[1] or self.ended_on

    @property
    def can_start(self) -> bool:
        return self.status == CourseStatus.PLANNED

    @property
    def can_complete(self) -> bool:
        """Completing is a step of the termination phase; before it, the way out is ending early."""
        return self.status == CourseStatus.ACTIVE and self.phase == "termination"

    @property
    def is_closed(self) -> bool:
        return self.status in (CourseStatus.COMPLETED, CourseStatus.ENDED_EARLY)

    @property
    def age_mismatch(self) -> tuple[int, int] | None:
        """The adaptation's age range when the client's age at the start falls outside it."""
        return adaptation_age_mismatch(self.adaptation, self.client.age_on(self.start_date))

    @property
    def sessions_left(self) -> int:
        return max(self.planned_sessions - self.attended_count, 0)

    @property
    def is_past_planned_length(self) -> bool:
        return self.attended_count > self.planned_sessions

    def planned_dates(self) -> list[datetime.date]:
        """One date per interval (a week; a maintenance course's cadence) from the start date."""
        return [
            self.start_date + datetime.timedelta(weeks=week * self.interval_weeks)
            for week in range(self.planned_sessions)
        ]


class CourseTransfer(models.Model):
    """A course handed from one therapist to another; the caseload follows the course."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="transfers")
    from_therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    to_therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    transferred_at = models.DateTimeField(auto_now_add=True)
    transferred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["transferred_at"]

    def __str__(self) -> str:
        return f"{self.course} moved from {self.from_therapist} to {self.to_therapist}"
