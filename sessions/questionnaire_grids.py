"""The course's due questionnaires as compact item grids inside the session page.

Each grid posts with the note (field names ``q-<code>-<item>``), is scored on every autosave by
the measures engine, and is saved as a questionnaire of this session once every item is
answered. Until then the answers given so far are kept as a draft
(``sessions.questionnaire_drafts``) and fill the grid when the page is opened again. A grid
already saved for the session is shown as its result, never offered again.
"""

from dataclasses import dataclass

from django.utils import timezone

from cases.prepared_queries import PreparedQuery
from measures import instruments
from measures.models import QuestionnaireResponse
from measures.services import QuestionnaireRejected, record_response
from sessions import questionnaire_drafts


def field_name(code: str, key: str) -> str:
    return f"q-{code}-{key}"


@dataclass
class Grid:
    instrument: instruments.Instrument
    answers: dict
    saved: object = None  # the QuestionnaireResponse once recorded for this session
    error: str = ""
    was: str = ""  # the draft's answers as stored, for the page's ``q-<code>-was`` field

    @property
    def was_name(self) -> str:
        return f"q-{self.code}-was"

    @property
    def code(self) -> str:
        return self.instrument.code

    @property
    def score(self) -> instruments.Score:
        return instruments.score(self.instrument, self.answers)

    @property
    def started(self) -> bool:
        return any(self.answers.values())

    @property
    def posted_was(self) -> str:
        """After a save: the answers now stored as the draft (what the page must post next)."""
        return questionnaire_drafts.encode(self.answers)

    def rows(self) -> list[dict]:
        """Each item with its options, the chosen one marked, for the template's grid."""
        return [
            {
                "item": item,
                "name": field_name(self.code, item.key),
                "options": [
                    {
                        "code": option.code,
                        "label": option.label,
                        "checked": self.answers.get(item.key) == option.code,
                        "id": f"q-{self.code}-{item.key}-{option.code}",
                    }
                    for option in item.options
                ],
            }
            for item in self.instrument.items
        ]


def due_codes(course) -> tuple[str, ...]:
    return instruments.defaults_for(course.adaptation)


def posted_grids(course, data) -> list[Grid]:
    """Grids whose answers came with this request (no query: the page sent what it shows)."""
    grids = []
    for code in due_codes(course):
        instrument = instruments.get(code)
        answers = {
            item.key: (data.get(field_name(code, item.key)) or "").strip()
            for item in instrument.items
        }
        if f"q-{code}-shown" in data:
            grids.append(Grid(instrument=instrument, answers=answers))
    return grids


# The session's saved questionnaires as its grids show them: the result (total, band, risk
# item) and a link, not the answers (the response's own page shows those). SQL built once per
# process (``cases.prepared_queries``).
SAVED_RESPONSES_QUERY = PreparedQuery(
    lambda session_id: (
        QuestionnaireResponse.objects.filter(session_id=session_id)
        .valid()
        .only("course_id", "session_id", "instrument", "total", "band", "risk_positive")
        .order_by("created_at")
    )
)


def page_grids(session, data=None) -> list[Grid]:
    """Every due questionnaire of the session: saved ones with their result, unfinished ones
    filled from their draft unless the page posted its own answers (two queries)."""
    saved = {
        response.instrument: response
        for response in SAVED_RESPONSES_QUERY.list(session_id=session.pk)
    }
    drafts = questionnaire_drafts.open_drafts(session)
    grids = []
    for code in due_codes(session.course):
        instrument = instruments.get(code)
        draft = drafts.get(code)
        stored = draft.answers if draft is not None else {}
        if data is not None and f"q-{code}-shown" in data:
            answers = {
                item.key: (data.get(field_name(code, item.key)) or "").strip()
                for item in instrument.items
            }
        else:
            answers = {item.key: stored.get(item.key, "") for item in instrument.items}
        grids.append(
            Grid(
                instrument=instrument,
                answers=answers,
                saved=saved.get(code),
                was=questionnaire_drafts.encode(stored),
            )
        )
    return grids


def save_complete(session, grids: list[Grid], by) -> list[Grid]:
    """Record every fully answered grid not yet saved for this session; returns those saved."""
    done = []
    for grid in grids:
        if grid.saved is not None or not grid.score.complete:
            continue
        existing = session.questionnaires.valid().filter(instrument=grid.code).first()
        if existing is not None:
            grid.saved = existing
            done.append(grid)
            continue
        held = timezone.localtime(session.held_at).date() if session.held_at else None
        try:
            grid.saved = record_response(
                course=session.course,
                instrument_code=grid.code,
                answers=grid.answers,
                completed_on=held or timezone.localdate(),
                by=by,
                session=session,
                pending_flag=questionnaire_drafts.pending_flag(session, grid.code),
            )
        except QuestionnaireRejected as rejected:
            grid.error = str(rejected)
            continue
        questionnaire_drafts.clear(session, grid.code)
        done.append(grid)
    return done
