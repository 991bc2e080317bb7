"""WHO-format group IPT: a group, its members' own courses, its sessions and their notes.

A member is a client with an individual course delivered as "group member" (cases.CourseDelivery); the
group's sessions are, for each member, ordinary sessions of that course (``Session``), so the
member's attendance, short note, task, risk rating, questionnaires and risk flags live in
their own record. The group itself holds only what belongs to everyone: the schedule and the
group-level note. A member's record never reads another member's entry.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from cases.models.access import CourseScopedQuerySet
from cases.phases import PHASE_LABELS, group_phase_for

MIN_MEMBERS = 5
MAX_MEMBERS = 10
GROUP_SESSIONS = 8


def facilitated_q(user, prefix: str = "") -> Q:
    """Groups ``user`` may see: their own as a facilitator, their supervisees' as a supervisor,
    every group as a service administrator, nothing otherwise."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    if user.is_service_admin:
        return Q()
    if user.is_supervisor:
        return Q(**{f"{prefix}lead_facilitator__supervisor": user}) | Q(
            **{f"{prefix}co_facilitator__supervisor": user}
        )
    return Q(**{f"{prefix}lead_facilitator": user}) | Q(**{f"{prefix}co_facilitator": user})


def shared_member_courses(user):
    """The group members' courses ``user`` may see besides their own caseload's: those of the
    groups they facilitate (the co-facilitator is not the members' therapist) and, for a
    supervisor, of the groups their supervisees facilitate. A subquery for
    ``Course.objects.visible_to`` (registered as ``cases.ports`` course sharing); None for a
    service administrator, who sees every course already, or anyone signed out."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_service_admin:
        return None
    return Membership.objects.filter(facilitated_q(user, "group__")).values("course_id")


class TherapyGroupQuerySet(models.QuerySet):
    def visible_to(self, user) -> "TherapyGroupQuerySet":
        """The one access path to groups; another facilitator's group is a 404."""
        return self.filter(facilitated_q(user))

    def facilitated_by(self, user) -> "TherapyGroupQuerySet":
        """Groups ``user`` may write in: only their own, as lead or co-facilitator."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(Q(lead_facilitator=user) | Q(co_facilitator=user))


class TherapyGroup(models.Model):
    """One IPT group: one or two facilitators, five to ten members, eight weekly sessions."""

    name = models.CharField(max_length=100, help_text="How the team refers to the group.")
    lead_facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="groups_led"
    )
    co_facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="groups_co_led",
        null=True,
        blank=True,
    )
    first_session_on = models.DateField()
    session_time = models.TimeField()
    session_minutes = models.PositiveSmallIntegerField(default=90)
    planned_sessions = models.PositiveSmallIntegerField(default=GROUP_SESSIONS)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TherapyGroupQuerySet.as_manager()

    class Meta:
        ordering = ["-first_session_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(co_facilitator=models.F("lead_facilitator")),
                name="group_two_different_facilitators",
                violation_error_message="The co-facilitator must be someone other than the lead.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("groups:detail", args=[self.pk])

    @property
    def facilitators(self) -> list:
        return [f for f in (self.lead_facilitator, self.co_facilitator) if f is not None]

    def is_facilitator(self, user) -> bool:
        return getattr(user, "pk", None) in (self.lead_facilitator_id, self.co_facilitator_id)

    def takes_new_members(self) -> bool:
        """A member joins before the group has met: no group session signed yet."""
        return not self.sessions.filter(status=GroupNoteStatus.SIGNED).exists()


class MembershipQuerySet(CourseScopedQuerySet):
    def current(self) -> "MembershipQuerySet":
        return self.filter(left_on__isnull=True)

    def of_group(self, group: TherapyGroup) -> "MembershipQuerySet":
        """A group's members, for a page that has already checked access to the group."""
        return self.filter(group=group).select_related("course__client")


class Membership(models.Model):
    """A client's place in a group, tied to their own course. Leaving ends the place, not
    the group; the row is kept."""

    group = models.ForeignKey(TherapyGroup, on_delete=models.PROTECT, related_name="memberships")
    course = models.OneToOneField(
        "cases.Course", on_delete=models.PROTECT, related_name="group_membership"
    )
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)
    leave_reason = models.TextField(blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["course__client__given_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | ~Q(leave_reason=""),
                name="member_leaving_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} in {self.group}"

    @property
    def first_name(self) -> str:
        """What other members may know of this member: the first name only."""
        client = self.course.client
        return client.preferred_name or client.given_name

    @property
    def has_left(self) -> bool:
        return self.left_on is not None


class GroupNoteStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SIGNED = "signed", "Signed"


class GroupSession(models.Model):
    """One meeting of the group and its group-level note (what was shared with everyone).

    Each member's part of the meeting is their own ``Session`` (week ``number + 1`` of their
    course: week 1 is their pre-group meeting) with a ``MemberEntry`` beside it.
    """

    group = models.ForeignKey(TherapyGroup, on_delete=models.PROTECT, related_name="sessions")
    number = models.PositiveSmallIntegerField()
    scheduled_for = models.DateTimeField()
    theme = models.CharField(max_length=200, blank=True)
    exercises = models.TextField("exercises and activities", blank=True)
    group_process = models.TextField(
        "group process",
        blank=True,
        help_text="How the group worked together. Use members' first names only.",
    )
    status = models.CharField(max_length=10, choices=GroupNoteStatus, default=GroupNoteStatus.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["group", "number"]
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="one_group_session_a_number"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(signed_at__isnull=False),
                name="signed_group_note_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group}: session {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("groups:session", args=[self.group_id, self.number])

    @property
    def phase(self) -> str:
        return group_phase_for(self.number, self.group.planned_sessions)

    @property
    def phase_label(self) -> str:
        return PHASE_LABELS[self.phase]

    @property
    def is_signed(self) -> bool:
        return self.status == GroupNoteStatus.SIGNED

    @property
    def member_week(self) -> int:
        """The planned week of this meeting in each member's course."""
        return self.number + 1


class MemberEntryQuerySet(CourseScopedQuerySet):
    course_path = "session__course"


class MemberEntry(models.Model):
    """The group-only part of one member's note for one group session (the rest of their
    entry is their own ``Session``). A part of that note: frozen when it is signed."""

    group_session = models.ForeignKey(
        GroupSession, on_delete=models.PROTECT, related_name="entries"
    )
    session = models.OneToOneField(
        "session_logs.Session", on_delete=models.PROTECT, related_name="group_entry"
    )
    problem_area_work = models.TextField(
        "problem-area work", blank=True, help_text="What this member worked on in their area."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MemberEntryQuerySet.as_manager()

    class Meta:
        ordering = ["group_session", "id"]
        verbose_name_plural = "member entries"

    def __str__(self) -> str:
        return f"Member entry in {self.group_session}"
