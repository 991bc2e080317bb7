"""Outcome questionnaires, risk flags and reviews, and the safety plan of a course."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from cases.models.access import CourseScopedQuerySet
from measures import instruments
from measures.instruments import INSTRUMENT_CHOICES


class QuestionnaireResponseQuerySet(CourseScopedQuerySet):
    def valid(self):
        """Responses that count: not voided as entered in error."""
        return self.filter(voided_at__isnull=True)


class QuestionnaireResponse(models.Model):
    """One completed questionnaire: the item answers and the total the server computed from them.

    Stored only when complete; the total, band and risk are always recomputed from ``answers``
    by ``measures.instruments.score`` and never taken from the browser.
    """

    course = models.ForeignKey(
        "cases.Course", on_delete=models.PROTECT, related_name="questionnaires"
    )
    session = models.ForeignKey(
        "session_logs.Session",
        on_delete=models.PROTECT,
        related_name="questionnaires",
        null=True,
        blank=True,
        help_text="The session it was completed in; empty when completed at assessment or alone.",
    )
    instrument = models.CharField(max_length=10, choices=INSTRUMENT_CHOICES)
    completed_on = models.DateField()
    answers = models.JSONField(help_text="Item key -> the code of the option chosen.")
    total = models.PositiveSmallIntegerField()
    band = models.CharField(max_length=60)
    risk_positive = models.BooleanField(default=False)
    imputed_items = models.JSONField(default=list, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Answered by the client on their own device (client_area), not typed in by staff;
    # ``entered_by`` is then the clinician who issued the client's link.
    completed_by_client = models.BooleanField("completed by the client", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Entered in error: kept, with the reason, but left out of totals, charts and outcomes.
    voided_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.TextField(blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    objects = QuestionnaireResponseQuerySet.as_manager()

    class Meta:
        ordering = ["completed_on", "created_at", "id"]
        indexes = [
            models.Index(fields=["course", "instrument", "completed_on"]),
            # The supervisor's flags ask of each attended session whether a questionnaire was
            # linked to it, or completed that day without a link (supervision.flags.facts_for).
            models.Index(
                fields=["session"],
                condition=Q(voided_at__isnull=True),
                name="questionnaire_valid_by_session",
            ),
            models.Index(
                fields=["course", "completed_on"],
                condition=Q(session__isnull=True, voided_at__isnull=True),
                name="questionnaire_unlinked_by_day",
            ),
            # The first and latest score of each course and measure (``first_and_latest``, a
            # window over the service's responses) read in order from the index, not sorted
            # (no INCLUDE of the total: SQLite warns on non-key columns).
            models.Index(
                fields=["course", "instrument", "completed_on", "created_at", "id"],
                condition=Q(voided_at__isnull=True),
                name="questionnaire_valid_in_order",
            ),
            # The supervisor's dashboard lists questionnaires clients sent from their own links
            # lately (client_area's panel): newest first, from a small index, not every
            # response of the supervisees' courses.
            models.Index(
                fields=["-created_at"],
                condition=Q(completed_by_client=True, voided_at__isnull=True),
                name="questionnaire_sent_by_client",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(total__lte=40), name="questionnaire_total_in_range"),
            models.CheckConstraint(
                condition=Q(voided_at__isnull=True) | ~Q(void_reason=""),
                name="voided_questionnaire_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_instrument_display()} {self.total} on {self.completed_on:%d %b %Y}"

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None

    @property
    def definition(self) -> instruments.Instrument:
        return instruments.get(self.instrument)

    @property
    def band_level(self) -> int:
        return self.definition.band_for(self.total).level

    def answer_rows(self) -> list[tuple[instruments.Item, instruments.Option | None]]:
        """Each item with the option chosen, for reading a response back."""
        return [
            (item, item.option(self.answers.get(item.key, ""))) for item in self.definition.items
        ]


class RiskLevel(models.IntegerChoices):
    """How urgent an open flag is; ordered so the highest open flag is the one shown."""

    SCREEN = 1, "Positive screening answer (assess now)"
    MODERATE = 2, "Moderate"
    HIGH = 3, "High"


class RiskSource(models.TextChoices):
    QUESTIONNAIRE = "questionnaire", "Questionnaire answer"
    SESSION = "session", "Therapist's risk rating in a session"
    BOOSTER = "booster", "Therapist's risk rating in a booster session"


class RiskFlagQuerySet(CourseScopedQuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)


class RiskFlag(models.Model):
    """A raised suicide risk on a course. Never deleted; closed only by a ``RiskReview``."""

    course = models.ForeignKey("cases.Course", on_delete=models.PROTECT, related_name="risk_flags")
    level = models.PositiveSmallIntegerField(choices=RiskLevel)
    source = models.CharField(max_length=20, choices=RiskSource)
    session = models.ForeignKey(
        "session_logs.Session",
        on_delete=models.PROTECT,
        related_name="risk_flags",
        null=True,
        blank=True,
    )
    response = models.ForeignKey(
        QuestionnaireResponse,
        on_delete=models.PROTECT,
        related_name="risk_flags",
        null=True,
        blank=True,
    )
    # A booster session after a completed course (sessions.boosters): it has no Session row.
    booster = models.ForeignKey(
        "session_logs.BoosterSession",
        on_delete=models.PROTECT,
        related_name="risk_flags",
        null=True,
        blank=True,
    )
    reason = models.TextField(help_text="What raised the flag, in words.")
    raised_at = models.DateTimeField(auto_now_add=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = RiskFlagQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at", "-id"]
        indexes = [models.Index(fields=["course", "closed_at"])]
        constraints = [
            # One source: a session and/or its questionnaire, or else a booster alone.
            models.CheckConstraint(
                condition=(
                    Q(booster__isnull=True) & (Q(session__isnull=False) | Q(response__isnull=False))
                )
                | (
                    Q(booster__isnull=False)
                    & Q(session__isnull=True)
                    & Q(response__isnull=True)
                    & Q(source="booster")
                ),
                name="risk_flag_has_one_source_record",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_level_display()} risk flag on {self.course_id} ({self.raised_at:%d %b %Y})"
        )

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def is_high(self) -> bool:
        return self.level == RiskLevel.HIGH


class RiskReview(models.Model):
    """The review that closes a risk flag: what was assessed, done, and who was contacted."""

    flag = models.OneToOneField(RiskFlag, on_delete=models.PROTECT, related_name="review")
    assessment = models.TextField(help_text="The risk assessment: current thoughts, plans, intent.")
    actions = models.TextField(help_text="What was done: safety plan, crisis care, follow-up.")
    contacted = models.TextField(
        "who was contacted",
        help_text="People and services contacted (GP, crisis team, psychiatrist, family), "
        "or why no one needed to be.",
    )
    reviewed_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(assessment="") & ~Q(actions="") & ~Q(contacted=""),
                name="risk_review_is_complete",
            )
        ]

    def __str__(self) -> str:
        return f"Review of flag {self.flag_id} ({self.reviewed_at:%d %b %Y})"


class SafetyPlan(models.Model):
    """The client's safety plan for the course, in six sections (Stanley-Brown structure)."""

    SECTIONS = [
        "warning_signs",
        "coping_strategies",
        "social_distractions",
        "help_contacts",
        "professional_contacts",
        "safer_environment",
    ]

    course = models.OneToOneField(
        "cases.Course", on_delete=models.PROTECT, related_name="safety_plan"
    )
    warning_signs = models.TextField(
        "warning signs",
        blank=True,
        help_text="Thoughts, moods, situations or behaviours that show a crisis may be coming.",
    )
    coping_strategies = models.TextField(
        "my own coping strategies",
        blank=True,
        help_text="Things I can do on my own to take my mind off my problems.",
    )
    social_distractions = models.TextField(
        "people and places that help",
        blank=True,
        help_text="People and social settings that take my mind off things.",
    )
    help_contacts = models.TextField(
        "people I can ask for help",
        blank=True,
        help_text="Names and phone numbers of people I can tell how I feel.",
    )
    professional_contacts = models.TextField(
        "professionals and crisis lines",
        blank=True,
        help_text="Therapist, GP, crisis team, out-of-hours and emergency numbers.",
    )
    safer_environment = models.TextField(
        "making my surroundings safer",
        blank=True,
        help_text="How access to means of harm is being reduced, and who helps.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    objects = CourseScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Safety plan for course {self.course_id}"

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name).strip() for name in self.SECTIONS)

    def sections(self) -> list[tuple[str, str, str]]:
        return [
            (
                name,
                str(self._meta.get_field(name).verbose_name),
                getattr(self, name),
            )
            for name in self.SECTIONS
        ]


class MeasureEnds(models.Model):
    """Each course's first and latest valid score on one measure, and how many there are: what
    the outcome classification reads (``cases.outcomes.classify_series`` pairs the first with
    the latest). Kept current on every write that changes the valid series
    (``measures.services.record_response``/``void_response`` call ``scores.refresh_ends``), so
    lists of thousands of courses read one row per course and measure instead of a window over
    every response. Derived data: ``scores.refresh_ends`` rebuilds any row from the responses.
    """

    course = models.ForeignKey("cases.Course", on_delete=models.PROTECT, related_name="+")
    instrument = models.CharField(max_length=10, choices=INSTRUMENT_CHOICES)
    # Empty (and ``count`` 0) once every response on the measure was voided: clinical tables
    # are never deleted from, derived ones included.
    first_total = models.PositiveSmallIntegerField(null=True)
    latest_total = models.PositiveSmallIntegerField(null=True)
    count = models.PositiveIntegerField()

    objects = CourseScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["course", "instrument"], name="one_ends_per_measure"),
            models.CheckConstraint(
                condition=Q(count=0, first_total__isnull=True, latest_total__isnull=True)
                | Q(count__gt=0, first_total__isnull=False, latest_total__isnull=False),
                name="ends_present_when_counted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.first_total} to {self.latest_total} ({self.count})"


# The social rhythm record lives in its own module; imported here so Django registers it.
from measures.rhythm_models import Company, SocialRhythmDay  # noqa: E402, F401


class StoredClassification(models.Model):
    """Each course's outcome classification (``cases.outcomes.classify_series``) and the
    maintenance course's "not on track" rule, stored so service-wide figures count thousands
    of courses in SQL. Kept current with the scores (``scores.refresh_ends`` calls
    ``scores.refresh_classification`` in the same transaction). A row classifies the course
    under the ``adaptation`` and kind it had then: a row that no longer matches them is stale,
    and readers classify that course afresh (``service_stats``)."""

    course = models.OneToOneField(
        "cases.Course", on_delete=models.PROTECT, primary_key=True, related_name="classification"
    )
    adaptation = models.CharField(max_length=20)
    maintenance = models.BooleanField(default=False)
    enough_data = models.BooleanField(default=False)  # the depression measure is paired
    caseness = models.BooleanField(null=True)
    recovery = models.BooleanField(null=True)
    reliable_improvement = models.BooleanField(null=True)
    reliable_deterioration = models.BooleanField(null=True)
    # Below every cut-off at the latest score (None: not enough data): what "stayed well" reads.
    well_at_end = models.BooleanField(null=True)
    # A worsening at any measurement against the first scores (``cases.outcomes.not_on_track``
    # with no expected fall): a maintenance course's "not on track".
    worsened = models.BooleanField(default=False)

    objects = CourseScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Classification of course {self.course_id}"
