"""The group-session page: the group note, then one part per member, on one form.

Builds what the page shows (a fixed number of queries, whatever the group's size) and reads
what it posts. Each member's questionnaires reuse the session page's grids
(``sessions.questionnaire_grids``), their field names prefixed with the member's form prefix.
"""

from dataclasses import dataclass, field

from django.db.models import Max
from django.utils import timezone

from groups import services
from groups.forms import GroupNoteForm, MemberEntryForm, member_initial
from groups.models import GroupSession, Membership
from measures import instruments
from measures.models import QuestionnaireResponse, RiskFlag
from sessions import questionnaire_drafts
from sessions.conflicts import ConflictRow
from sessions.models import Attendance
from sessions.questionnaire_drafts import QuestionnaireDraft
from sessions.questionnaire_grids import Grid, due_codes, field_name
from sessions.signing import sign_label


@dataclass
class MemberPart:
    membership: Membership
    session: object  # the member's own Session for this meeting
    form: MemberEntryForm
    grids: list = field(default_factory=list)
    risk_level: int | None = None  # the highest open risk flag on their course

    @property
    def prefix(self) -> str:
        return self.form.prefix

    @property
    def client(self):
        return self.membership.course.client


def attending(group_session: GroupSession) -> list[Membership]:
    """Members expected at this meeting: those who had not left before it was held."""
    held_on = timezone.localdate(group_session.scheduled_for)
    return [
        m
        for m in Membership.objects.of_group(group_session.group)
        if m.left_on is None or m.left_on >= held_on
    ]


def _prefixed(data, prefix: str) -> dict:
    start = f"{prefix}-"
    return {key[len(start) :]: data.get(key) for key in data if key.startswith(start)}


def _grids(session, prefix: str, saved: dict, drafts: dict, data) -> list[Grid]:
    """The member's due questionnaires: as posted, else filled from an unfinished draft."""
    sub = _prefixed(data, prefix) if data is not None else {}
    grids = []
    for code in due_codes(session.course):
        instrument = instruments.get(code)
        draft = drafts.get((session.pk, code))
        stored = draft.answers if draft is not None else {}
        if data is not None:
            answers = {
                item.key: (sub.get(field_name(code, item.key)) or "").strip()
                for item in instrument.items
            }
        else:
            answers = {item.key: stored.get(item.key, "") for item in instrument.items}
        grids.append(
            Grid(
                instrument=instrument,
                answers=answers,
                saved=saved.get((session.pk, code)),
                was=questionnaire_drafts.encode(stored),
            )
        )
    return grids


def risk_levels(course_ids) -> dict[int, int]:
    """The highest open risk flag of each course that has one (one query)."""
    return dict(
        RiskFlag.objects.open()
        .filter(course_id__in=course_ids)
        .values_list("course_id")
        .annotate(level=Max("level"))
    )


class GroupSessionPage:
    def __init__(self, group_session: GroupSession, user, data=None, *, autosave: bool = False):
        self.group_session = group_session
        self.user = user
        self.data = data
        self.members = attending(group_session)
        self.sessions = services.member_sessions(group_session, self.members)
        ids = [s.pk for s in self.sessions.values()]
        saved = {
            (r.session_id, r.instrument): r
            for r in QuestionnaireResponse.objects.valid()
            .filter(session_id__in=ids)
            .order_by("created_at")
        }
        drafts = {
            (d.session_id, d.instrument): d
            for d in QuestionnaireDraft.objects.filter(session_id__in=ids, cleared_at__isnull=True)
        }
        risk = risk_levels([m.course_id for m in self.members])
        # The note as saved: binding the model form writes the posted values onto the instance.
        self.saved_note = {name: getattr(group_session, name) for name in services.GROUP_FIELDS}
        self.note_form = GroupNoteForm(data, instance=group_session, prefix="group")
        self.parts: list[MemberPart] = []
        for membership in self.members:
            session = self.sessions.get(membership.pk)
            if session is None:
                continue
            entry = getattr(session, "group_entry", None)
            prefix = f"m{membership.pk}"
            form = MemberEntryForm(
                data if data is not None and not session.is_signed else None,
                prefix=prefix,
                initial=member_initial(session, entry),
                autosave=autosave,
            )
            self.parts.append(
                MemberPart(
                    membership=membership,
                    session=session,
                    form=form,
                    grids=_grids(session, prefix, saved, drafts, data),
                    risk_level=risk.get(membership.course_id),
                )
            )

    def is_valid(self) -> bool:
        valid = self.note_form.is_valid()
        for part in self.parts:
            if not part.session.is_signed:
                valid = part.form.is_valid() and valid
        return valid

    def changes(self) -> tuple[dict, dict[int, services.MemberChanges]]:
        group_fields = {n: self.note_form.cleaned_data.get(n, "") for n in services.GROUP_FIELDS}
        members = {
            part.membership.pk: services.MemberChanges(
                attendance=part.form.cleaned_data["attendance"],
                fields=part.form.note_fields(),
                problem_area_work=part.form.cleaned_data.get("problem_area_work", ""),
                grids=[g for g in part.grids if g.started],
                drafts=questionnaire_drafts.changed(
                    [g for g in part.grids if g.saved is None], _prefixed(self.data, part.prefix)
                ),
            )
            for part in self.parts
            if not part.session.is_signed
        }
        return group_fields, members

    def autosave_changes(self) -> tuple[dict, dict[int, services.MemberChanges], bool]:
        """Only what differs from the saved notes: the group note's fields, the members whose
        entry changed or whose questionnaire is now complete, and whether anything changed.
        An autosave writes nothing for the other members, so its cost does not grow with the
        group. Compared with the saved values, not the page's: a stale page still differs."""
        group_fields, members = self.changes()
        group_changed = any(
            self.saved_note[name] != group_fields[name] for name in services.GROUP_FIELDS
        )
        changed = {}
        for part in self.parts:
            if part.session.is_signed:
                continue
            saved = member_initial(part.session, getattr(part.session, "group_entry", None))
            posted = part.form.cleaned_data
            differs = any(str(saved.get(n) or "") != str(posted[n] or "") for n in posted)
            # A complete questionnaire is stored only for a member who attended.
            attended = posted.get("attendance") == Attendance.ATTENDED
            finished = attended and any(g.score.complete and g.saved is None for g in part.grids)
            if differs or finished or members[part.membership.pk].drafts:
                changed[part.membership.pk] = members[part.membership.pk]
        return group_fields, changed, group_changed or bool(changed)

    def refresh_risk(self) -> None:
        """Re-read the members' open flags after a save (one query, whatever the group size)."""
        risk = risk_levels([part.membership.course_id for part in self.parts])
        for part in self.parts:
            part.risk_level = risk.get(part.membership.course_id)

    def conflict_rows(self, current: GroupSession) -> list[ConflictRow]:
        """What this stale save would change, against what was saved in the meantime."""
        rows = []
        for name in services.GROUP_FIELDS:
            theirs = getattr(current, name)
            yours = self.note_form.cleaned_data.get(name, "")
            if theirs != yours:
                label = str(GroupSession._meta.get_field(name).verbose_name).capitalize()
                rows.append(ConflictRow(label, theirs, yours))
        fresh = services.member_sessions(current, self.members)
        for part in self.parts:
            saved = fresh.get(part.membership.pk)
            if saved is None or not part.form.is_bound:
                continue
            entry = getattr(saved, "group_entry", None)
            initial = member_initial(saved, entry)
            for name, value in part.form.cleaned_data.items():
                if str(initial.get(name) or "") != str(value or ""):
                    label = f"{part.membership.first_name}: {part.form.fields[name].label}"
                    rows.append(ConflictRow(label, str(initial.get(name) or ""), str(value)))
        return rows

    def context(self) -> dict:
        gs = self.group_session
        return {
            "group": gs.group,
            "group_session": gs,
            "note_form": self.note_form,
            "parts": self.parts,
            "gaps": services.unsigned_gaps(gs, {p.membership.pk: p.session for p in self.parts}),
            "can_edit": gs.group.is_facilitator(self.user) and not gs.is_signed,
            "sign_label": sign_label(self.user),
        }
