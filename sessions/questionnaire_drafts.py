"""A questionnaire answered in part on the session page, kept until it is finished.

A questionnaire is stored (scored, charted, able to open a risk flag) only once every item is
answered. Until then the answers given so far are kept here, one row per note and instrument,
so that leaving the page half-way loses nothing: the page fills its grid from the draft when it
is opened again. A draft is never scored and never charted. One exception, because risk is
never hidden: a positive risk item in a draft opens the course's risk flag at once, as the
complete questionnaire would (``risk_flag`` remembers it, so it is opened once).

A draft is part of the note: written with the note's save, frozen when the note is signed
(sessions/protection.py), and never deleted. Once the questionnaire is stored the draft is
marked cleared (``cleared_at``) and the page no longer reads it.

The page posts ``q-<code>-was``, the answers it was loaded with: when the posted answers equal
it nothing is read or written (the autosave stays cheap).
"""

from django.db import models
from django.utils import timezone

from cases.presence import known_empty
from measures import instruments
from sessions.models import Session, SessionRecord


class QuestionnaireDraft(SessionRecord):
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="questionnaire_drafts"
    )
    instrument = models.CharField(max_length=20)
    answers = models.JSONField(default=dict, help_text="Item key -> option code, answered only.")
    updated_at = models.DateTimeField(auto_now=True)
    cleared_at = models.DateTimeField(
        null=True, blank=True, help_text="When the finished questionnaire was stored."
    )
    risk_flag = models.ForeignKey(
        "measures.RiskFlag", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta(SessionRecord.Meta):
        verbose_name = "unfinished questionnaire"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "instrument"], name="one_questionnaire_draft_per_note"
            )
        ]

    @property
    def definition(self) -> instruments.Instrument:
        return instruments.get(self.instrument)

    @property
    def answered(self) -> int:
        return len(self.answers)


def encode(answers: dict[str, str]) -> str:
    """``{"1": "2", "2": ""}`` -> ``"1:2"`` (the ``q-<code>-was`` field): answered items only."""
    return ",".join(f"{key}:{value}" for key, value in answers.items() if value)


def open_drafts(session: Session) -> dict[str, QuestionnaireDraft]:
    """The session's unfinished questionnaires by instrument code (one query)."""
    if known_empty(session, "open_drafts"):
        return {}
    return {
        draft.instrument: draft
        for draft in QuestionnaireDraft.objects.filter(session=session, cleared_at__isnull=True)
    }


def changed(grids, data) -> dict[str, dict[str, str]]:
    """The unfinished grids whose answers differ from those the page was loaded with.

    Complete grids are left out (they are stored as questionnaires instead); a page that sent
    no ``was`` field (an older page) counts as changed once anything is answered.
    """
    drafts = {}
    for grid in grids:
        if grid.score.complete:
            continue
        posted = encode(grid.answers)
        was = data.get(f"q-{grid.code}-was")
        if posted == (was if was is not None else ""):
            continue
        drafts[grid.code] = {key: value for key, value in grid.answers.items() if value}
    return drafts


def write(session: Session, drafts: dict[str, dict[str, str]], by) -> list[QuestionnaireDraft]:
    """Write the changed drafts (one read, one write each); returns the drafts whose positive
    risk item opened the risk flag now."""
    from measures.services import raise_flag_for_unfinished_questionnaire

    saved = {d.instrument: d for d in QuestionnaireDraft.objects.filter(session=session)}
    raised = []
    for code, answers in drafts.items():
        draft = saved.get(code) or QuestionnaireDraft(session=session, instrument=code)
        draft.answers = answers
        draft.cleared_at = None
        score = instruments.score(instruments.get(code), answers)
        if score.risk_positive and draft.risk_flag_id is None:
            draft.risk_flag = raise_flag_for_unfinished_questionnaire(
                session, score.instrument, score.risk_items, by
            )
            raised.append(draft)
        draft.save()
    return raised


def clear(session: Session, code: str) -> None:
    """The questionnaire was stored: its draft is no longer shown (kept, never deleted)."""
    QuestionnaireDraft.objects.filter(
        session=session, instrument=code, cleared_at__isnull=True
    ).update(cleared_at=timezone.now())


def pending_flag(session: Session, code: str):
    """The risk flag a draft of ``code`` opened, for the stored questionnaire to take over."""
    draft = (
        QuestionnaireDraft.objects.filter(session=session, instrument=code)
        .select_related("risk_flag")
        .first()
    )
    return draft.risk_flag if draft is not None else None
