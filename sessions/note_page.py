"""Everything the session page and the note form show, gathered in one place.

The views stay thin: they pick reading or editing, maybe ask the page to save, and render
``context()``.
"""

import copy
from dataclasses import dataclass, field

from django.db.models import IntegerField
from django.db.models.expressions import RawSQL
from django.utils import timezone

from cases.focal_areas import FocalArea
from cases.prepared_queries import PreparedQuery
from cases.presence import known_empty, preloaded
from inventory.models import Formulation
from sessions import goal_progress, questionnaire_drafts, questionnaire_grids, services
from sessions.conflicts import ConflictRow, conflict_rows
from sessions.focus import FocusPrompts, prompts_for
from sessions.forms import (
    PLAN_FORMS,
    RECORD_FORMS,
    AddendumForm,
    FocalWorkForm,
    NoteForm,
    NoteTextForm,
    VoidForm,
)
from sessions.models import FocalAreaWork, FollowUpPlan, RelapsePreventionPlan, Session
from sessions.people_choices import note_people, preload_ticked
from sessions.signing import missing_items, sign_label

RECORD_SECTIONS = {
    "communication": ("Communication analysis", "communication_analyses"),
    "roleplay": ("Role play", "role_plays"),
    "decision": ("Decision analysis", "decision_analyses"),
}
RECORD_HELP = {
    "communication": "Go through one real exchange: the words used, what was meant, what the "
    "other person probably heard, and what else could have been said.",
    "roleplay": "Rehearse a conversation the client is about to have, then talk about how it felt.",
    "decision": "Lay out the options the client sees, with what speaks for and against each.",
}
PLAN_SECTIONS = {
    "relapse": ("Relapse-prevention plan", RelapsePreventionPlan),
    "followup": ("Follow-up plan", FollowUpPlan),
}


def initial_evidence(course) -> list[tuple[str, object]]:
    """What the other parts of the course already show for the initial phase, with links."""
    from inventory import formulation_progress, progress

    return [
        ("Interpersonal inventory", progress.inventory_taken(course)),
        ("Focal area chosen", formulation_progress.focal_area_chosen(course)),
    ]


@dataclass
class SaveResult:
    saved: bool
    conflict: bool = False


@dataclass
class NotePage:
    session: Session
    user: object
    editing: bool
    form: NoteForm | None = None
    focal_forms: list[FocalWorkForm] = field(default_factory=list)
    focus: FocusPrompts | None = None
    record_forms: dict = field(default_factory=dict)
    plan_forms: dict = field(default_factory=dict)
    plan_conflicts: dict = field(default_factory=dict)
    addendum_form: AddendumForm | None = None
    void_form: VoidForm | None = None
    conflict: list[ConflictRow] | None = None
    conflict_version: int | None = None
    saved_at: object = None
    error: str = ""
    data: object = None
    locked: bool = False
    grids: list = field(default_factory=list)
    saved_grids: list = field(default_factory=list)
    goal_marks: dict | None = None
    drafts_written: tuple = ()

    @classmethod
    def for_reading(cls, session: Session, user, **forms) -> "NotePage":
        page = cls(session=session, user=user, editing=False)
        page.addendum_form = forms.get("addendum_form") or AddendumForm()
        page.void_form = forms.get("void_form") or VoidForm()
        return page

    @classmethod
    def for_editing(
        cls,
        session: Session,
        user,
        data,
        *,
        record_forms: dict | None = None,
        plan_forms: dict | None = None,
        plan_conflicts: dict | None = None,
        lean: bool = False,
    ) -> "NotePage":
        page = cls(session=session, user=user, editing=True, data=data)
        # Unchanged ticks are not written (nor read): the version check guarantees the saved
        # list is still the one the page was loaded with.
        unchanged = data is not None and _people_unchanged(data)
        # The form writes what it cleans onto its instance: give it a copy, so the session
        # stays as read (a stale save compares the saved row with what was typed).
        instance = copy.copy(session)
        offered = None
        if not unchanged and not lean:
            # A page to show: the people offered and ticked in one read, for every form on it.
            people = note_people(session)
            preload_ticked(instance, people.ticked)
            offered = people.offered
        form_class = NoteTextForm if unchanged else NoteForm
        page.form = form_class(data, instance=instance, offered=offered)
        if lean:
            # Autosave: only the focal areas the page posted, one query, and no prompts.
            # The forms only validate; the service reads the saved work once when it writes.
            saved_work = {}
            areas = [a for a in FocalArea.values if any(k.startswith(f"fa-{a}-") for k in data)]
        else:
            saved_work = (
                {}
                if known_empty(session, "focal_work")
                else {work.area: work for work in FOCAL_WORK_QUERY.list(session_id=session.pk)}
            )
            areas = []
            if session.course.is_maintenance:
                # A maintenance note reviews the focus carried over in its own words
                # (``MAINTENANCE_NOTE_FIELDS``): no worksheet prompts unless already written.
                page.focus = prompts_for(session, list(saved_work))
                areas = list(saved_work)
            elif session.phase == "middle" or saved_work:
                page.focus = prompts_for(session, list(saved_work))
                areas = page.focus.areas
        page.focal_forms = [
            FocalWorkForm(
                data,
                instance=saved_work.get(area) or FocalAreaWork(session=session, area=area),
                prefix=f"fa-{area}",
                area=area,
                course_id=session.course_id,
                offered=offered,
            )
            for area in areas
        ]
        if data is not None:
            page.grids = questionnaire_grids.posted_grids(session.course, data)
        page.goal_marks = goal_progress.posted(data, lambda: agreed_goals(session.course))
        page.record_forms = record_forms or {}
        page.plan_forms = plan_forms or {}
        page.plan_conflicts = plan_conflicts or {}
        return page

    @property
    def can_write(self) -> bool:
        return self.session.course.therapist_id == getattr(self.user, "pk", None)

    def save(self, take_over: str | None) -> SaveResult:
        # Validate every form (not stopping at the first) so each error shows at its field.
        results = [self.form.is_valid(), *(f.is_valid() for f in self.focal_forms)]
        forms_valid = all(results)
        if not forms_valid:
            self.error = "Not saved yet: correct the fields marked below. What you typed is kept."
            return SaveResult(saved=False)
        people = self.form.cleaned_data.get("people_involved")
        changes = services.NoteChanges(
            fields=self.form.note_values(),
            people=None if people is None else list(people),
            focal_work={f.area: f.values() for f in self.focal_forms},
            goal_marks=self.goal_marks,
            questionnaire_drafts=questionnaire_drafts.changed(self.grids, self.data),
        )
        expected = self.form.cleaned_data["version"]
        if take_over and take_over.isdigit():
            expected = int(take_over)
        labels = {name: str(f.label) for name, f in self.form.fields.items()}
        # Same note saved twice (an autosave and a click) is not a conflict: try again over
        # the newer version, but only while every part of it equals what is saved.
        for _attempt in range(3):
            try:
                saved = services.save_note(
                    self.session,
                    self.user,
                    changes,
                    expected_version=expected,
                    locked=self.locked,
                )
                break
            except services.StaleVersion as stale:
                rows = conflict_rows(stale.current, changes, labels)
                if rows:
                    self.conflict = rows
                    self.conflict_version = stale.current.version
                    self.error = str(stale)
                    return SaveResult(saved=False, conflict=True)
                expected = stale.current.version
        else:
            self.error = "Not saved: the note kept changing elsewhere. Save again."
            return SaveResult(saved=False)
        self.session = saved
        self.drafts_written = tuple(changes.questionnaire_drafts)
        self.saved_at = timezone.localtime(timezone.now())
        self.saved_grids = questionnaire_grids.save_complete(saved, self.grids, self.user)
        return SaveResult(saved=True)

    @property
    def risk_raised(self) -> bool:
        """A saved questionnaire, or an unfinished one just saved as a draft, has a positive
        risk item: the page shows the risk banner in the same answer."""
        if any(grid.saved.risk_positive for grid in self.saved_grids):
            return True
        return any(
            grid.code in self.drafts_written and grid.score.risk_positive for grid in self.grids
        )

    def missing(self, grids=None) -> list[str]:
        return missing_items(self.session, self.grids if grids is None else grids)

    def record_section(self, kind: str) -> dict:
        title, related = RECORD_SECTIONS[kind]
        form = self.record_forms.get(kind)
        return {
            "kind": kind,
            "title": title,
            "help": RECORD_HELP[kind],
            "records": []
            if known_empty(self.session, related)
            else list(getattr(self.session, related).all()),
            "form": form or RECORD_FORMS[kind](prefix=kind),
        }

    def plan_section(self, kind: str) -> dict:
        title, model = PLAN_SECTIONS[kind]
        if not self.editing and self.session.is_signed:
            # A signed note shows the plan it was signed with, whatever happened since.
            link = {"relapse": "signed_relapse_plan", "followup": "signed_follow_up_plan"}[kind]
            frozen = getattr(self.session, link)
            current = model.objects.filter(course=self.session.course).first()
            return {
                "kind": kind,
                "title": title,
                "plan": frozen,
                "signed": True,
                "changed_since": bool(frozen and current and current.version != frozen.version),
            }
        plan = (
            None
            if known_empty(self.session, f"plan_{kind}")
            else model.objects.filter(course=self.session.course).first()
        )
        form = self.plan_forms.get(kind)
        current = self.plan_conflicts.get(kind)
        return {
            "kind": kind,
            "title": title,
            "plan": plan,
            "form": form
            or PLAN_FORMS[kind](instance=plan or model(course=self.session.course), prefix=kind),
            "conflict": current,
            "saved_at": timezone.localtime(plan.updated_at) if plan else None,
        }

    def goal_review(self, goals: list[str]) -> dict:
        """The progress selects beside the goals: offered in the sessions that review them,
        and kept on any note that already has marks."""
        rows = goal_progress.rows_for_page(self.session, goals, self.data)
        if not (goal_progress.offered(self.session) or any(r["saved"] for r in rows)):
            return {"goal_rows": []}
        was = goal_progress.was_value(rows)
        if self.data is not None and "goals_was" in self.data:
            was = self.data["goals_was"]
        return {"goal_rows": rows, "goals_was": was, "goal_choices": goal_progress.CHOICES}

    def context(self) -> dict:
        session = self.session
        phase = session.phase
        context = {
            "page": self,
            "session": session,
            "course": session.course,
            "client": session.course.client,
            "phase": phase,
            "can_write": self.can_write,
            "form": self.form,
            "focal_forms": self.focal_forms,
            "focus": self.focus,
            "conflict": self.conflict,
            "conflict_version": self.conflict_version,
            "saved_at": self.saved_at,
            "error": self.error,
        }
        shows_records = phase in ("middle", "termination") or any(
            not known_empty(session, related) and getattr(session, related).exists()
            for _, related in RECORD_SECTIONS.values()
        )
        if self.editing and self.session.is_attended:
            grids = questionnaire_grids.page_grids(session, self.data)
            context["grids"] = grids
            context["missing"] = self.missing(grids)
            context["sign_label"] = sign_label(self.user)
            context["previous"] = previous_session(session)
            context["goals"] = agreed_goals(session.course)
            context.update(self.goal_review(context["goals"]))
        if self.editing and phase == "initial":
            context["initial_evidence"] = initial_evidence(session.course)
        if self.editing:
            context["record_sections"] = (
                [self.record_section(kind) for kind in RECORD_SECTIONS] if shows_records else []
            )
            # A maintenance session reviews the relapse plan every time: it is editable in each.
            context["plan_sections"] = (
                [self.plan_section(kind) for kind in PLAN_SECTIONS]
                if phase == "termination" or session.course.is_maintenance
                else []
            )
        else:
            context["records"] = [
                {"kind": kind, "title": title, "records": list(getattr(session, related).all())}
                for kind, (title, related) in RECORD_SECTIONS.items()
            ]
            context["focal_work"] = list(session.focal_work.prefetch_related("people"))
            context["people"] = list(session.people_involved.all())
            context["goal_marks"] = [g for g in session.goal_progress.all() if g.mark]
            context["unfinished_questionnaires"] = list(
                questionnaire_drafts.open_drafts(session).values()
            )
            context["addenda"] = list(session.addenda.select_related("author"))
            context["addendum_form"] = self.addendum_form
            context["void_form"] = self.void_form
            context["plans"] = (
                [self.plan_section(kind) for kind in PLAN_SECTIONS]
                if phase == "termination"
                else []
            )
        return context


def _people_unchanged(data) -> bool:
    if "people_was" not in data:
        return False
    was = sorted(p for p in data.get("people_was", "").split(",") if p)
    return sorted(data.getlist("people_involved")) == was


# The small reads beside the note (the note's focal area work, the previous session, the
# latest formulation); their SQL is built once per process
# (``cases.prepared_queries``).
PREVIOUS_SESSION_QUERY = PreparedQuery(
    lambda course_id, number: (
        Session.objects.attended()
        # The number as a plain parameter: Django answers a literal below a positive column's
        # range with no SQL at all, and the prepared query is built with a negative stand-in.
        .filter(course_id=course_id, number__lt=RawSQL("%s", (number,), IntegerField()))
        .order_by("-number")[:1]
    )
)
FOCAL_WORK_QUERY = PreparedQuery(
    lambda session_id: FocalAreaWork.objects.filter(session_id=session_id)
)
LATEST_FORMULATION_QUERY = PreparedQuery(
    lambda course_id: Formulation.objects.filter(course_id=course_id).order_by("-number")[:1]
)


def previous_session(session: Session) -> Session | None:
    """The attended session before this one: its task is reviewed now (one query)."""
    if not session.number or session.number < 2:
        return None
    # The note page read it with the session (``views.access``): its number and task.
    return preloaded(session, "previous_session", lambda: _previous(session))


def _previous(session: Session) -> Session | None:
    found = PREVIOUS_SESSION_QUERY.list(course_id=session.course_id, number=session.number)
    return found[0] if found else None


def agreed_goals(course) -> list[str]:
    """The goals of the latest formulation, shown beside the note (one query)."""
    return preloaded(course, "agreed_goals", lambda: _latest_goals(course))


def _latest_goals(course) -> list[str]:
    found = LATEST_FORMULATION_QUERY.list(course_id=course.pk)
    return found[0].goals if found else []
