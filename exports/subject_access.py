"""A client's whole record for a subject access request, found by following every clinical
model's path to the client, so a record type added later is included without a change here.

Some records are reviewed before release (``REVIEWED``): a supervisor's comments, reviews and
ratings, and what the record says about other people (third parties). The service
administrator decides per record; what is withheld, and why, is kept on the request and named
in the released record (as a count and reason, never the content).
"""

import re
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.forms.models import model_to_dict

from accounts.models import User
from audit.models import AuditEvent
from cases.models import Client, Course

CLINICAL_APPS = (
    "cases",
    "session_logs",
    "inventory",
    "measures",
    "supervision",
    "client_area",
)
# Staff records that name no one client (a therapist's supervision log).
NOT_THE_CLIENTS = {"supervision.supervisionentry"}
REVIEWED = {
    "supervision.notereview": "Supervisor's review of a note",
    "supervision.supervisorcomment": "Supervisor's comment",
    "supervision.fidelityrating": "Supervisor's fidelity rating",
    "inventory.person": "Information about another person (third party)",
    "inventory.timelineevent": "Life event that may name another person (third party)",
}
HIDDEN_FIELDS = {"version", "password", "token_hash"}


def course_path(model: type[models.Model], depth: int = 0) -> str | None:
    """The lookup from ``model`` to its course ("course", "session__course", ...), or None."""
    if model is Course:
        return ""
    if depth > 2:
        return None
    links = [
        f
        for f in model._meta.get_fields()
        if (f.many_to_one or f.one_to_one) and f.concrete and f.related_model not in (None, model)
    ]
    if any(f.related_model is Course for f in links):
        return next(f.name for f in links if f.related_model is Course)
    for f in links:
        rest = None
        if f.related_model._meta.app_label in CLINICAL_APPS:
            rest = course_path(f.related_model, depth + 1)
        if rest:
            return f"{f.name}__{rest}"
    return None


def record_key(obj: models.Model) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


@dataclass
class Section:
    label: str
    model_label: str
    rows: list[dict] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)

    def labelled_rows(self) -> list[list[tuple[str, object]]]:
        """Each row as (field's own label, value), for the PDF; empty values left out."""
        return [
            [
                (self.labels.get(name, name).capitalize(), value)
                for name, value in row.items()
                if value not in ("", None, [])
            ]
            for row in self.rows
        ]


@dataclass
class WholeRecord:
    client: Client
    sections: list[Section]
    reviewable: list[tuple[str, str, str]]  # (key, kind, summary)
    access_log: list[AuditEvent]
    withheld: list[dict] = field(default_factory=list)

    def as_data(self) -> dict:
        return {
            "client": _row(self.client, {}),
            "records": {s.model_label: s.rows for s in self.sections},
            "withheld": self.withheld,
            "access_log": [
                {
                    "at": e.at.isoformat(),
                    "who": e.actor.get_full_name() if e.actor else "the system",
                    "action": e.action,
                    "record": f"{e.object_type}:{e.object_id}" if e.object_type else "",
                }
                for e in self.access_log
            ],
        }


def _row(obj: models.Model, people: dict[int, str]) -> dict:
    """One record's fields; a member of staff by name, not by number."""
    data = model_to_dict(obj)
    for f in obj._meta.concrete_fields:
        if f.name in HIDDEN_FIELDS:
            data.pop(f.name, None)
            continue
        value = getattr(obj, f.attname)
        if f.is_relation and f.related_model is User and value is not None:
            value = people.get(value, value)
        elif f.choices and value not in (None, ""):
            value = getattr(obj, f"get_{f.name}_display")()
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        data[f.name] = value
    data["id"] = obj.pk
    return {
        k: (sorted(v.pk if hasattr(v, "pk") else v for v in v) if isinstance(v, list) else v)
        for k, v in data.items()
        if k not in HIDDEN_FIELDS
    }


def _summary(obj: models.Model) -> str:
    text = str(obj)
    return text if len(text) <= 120 else text[:117] + "..."


NAMES_OTHERS = "Names another person (third party)"
# Words of an inventory label ("the boss", "her ex-partner") that name no one by themselves.
_NOT_NAMES = {"the", "and", "her", "his", "our", "their", "new", "old", "for", "from", "with"}


def third_party_names(client: Client):
    """A finder of the people on the client's inventories (``inventory.Person``) in free text:
    each word of a recorded name (3 letters or more) as a whole word, its first letter in
    either case ("Maria", "maria"; "Mum", "mum"). None when no one is recorded."""
    from inventory.models import Person

    words = set()
    for name in Person.objects.filter(course__client=client).values_list("name", flat=True):
        words.update(
            word
            for word in re.findall(r"[^\W\d_][\w'-]*", name)
            if len(word) >= 3 and word.lower() not in _NOT_NAMES
        )
    if not words:
        return None
    either_case = (
        f"[{re.escape(w[0].upper())}{re.escape(w[0].lower())}]{re.escape(w[1:])}"
        for w in sorted(words)
    )
    return re.compile(r"(?<![\w'-])(" + "|".join(either_case) + r")(?![\w'-])")


def _names_in(obj: models.Model, finder) -> list[str]:
    """The inventory names ``finder`` finds in the record's free text, in order, once each."""
    found: dict[str, None] = {}
    for f in obj._meta.concrete_fields:
        if isinstance(f, (models.CharField, models.TextField)) and not f.choices:
            for match in finder.finditer(getattr(obj, f.attname) or ""):
                found.setdefault(match.group(0)[:1].upper() + match.group(0)[1:])
    return list(found)


def gather(client: Client, withheld: list[dict] | None = None) -> WholeRecord:
    """Everything recorded about ``client``, minus the records ``withheld`` names.

    Put up for review: the kinds in ``REVIEWED``, and any other record whose free text names
    someone on the client's inventories (a session note about Maria, the client's own diary
    entry naming her), so the people recorded are looked for wherever they appear.
    """
    withheld = withheld or []
    skip = {item["record"] for item in withheld}
    people = {u.pk: u.get_full_name() or u.username for u in User.objects.all()}
    finder = third_party_names(client)
    sections, reviewable = [], []
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in CLINICAL_APPS or meta.label_lower in NOT_THE_CLIENTS:
            continue
        if model is Client:
            continue
        path = course_path(model)
        if path is None:
            continue
        lookup = f"{path}__client" if path else "client"
        rows = model._default_manager.filter(**{lookup: client}).order_by("pk")
        section = Section(
            str(meta.verbose_name_plural).capitalize(),
            meta.label_lower,
            labels={f.name: str(f.verbose_name) for f in meta.concrete_fields},
        )
        for obj in rows:
            key = record_key(obj)
            if meta.label_lower in REVIEWED:
                reviewable.append((key, REVIEWED[meta.label_lower], _summary(obj)))
            elif finder is not None and (names := _names_in(obj, finder)):
                kind = f"{NAMES_OTHERS}: {', '.join(names)}"
                reviewable.append((key, kind, _summary(obj)))
            if key not in skip:
                section.rows.append(_row(obj, people))
        if section.rows:
            sections.append(section)
    log = list(
        AuditEvent.objects.filter(client=client).select_related("actor").order_by("at", "id")
    )
    return WholeRecord(client, sections, reviewable, log, withheld)
