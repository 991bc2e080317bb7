"""The people a note's checkboxes offer, read in one plain query per page.

Django's ``ModelChoiceIterator`` reads the choices with ``QuerySet.iterator()`` every time a
field's options are listed: on PostgreSQL a server-side cursor (declare, fetch, close) for a
dozen rows, and again for each listing. A note's people are few and listed whole: this reads
them once into the field's queryset and lists them from there (same choices, same order).

The note page goes further (``note_people``): the people the note offers (the course's
current people) and the people it has ticked (removed from the inventory since, or not) come
from one read of the course's people, in the people's own order, and every form on the page
(the note's and each focal area's) lists its checkboxes from it. A note only ever ticks its
own course's people: the form offers no one else and the services write only what it cleaned.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.forms.models import ModelChoiceIterator

from cases.prepared_queries import PreparedQuery
from inventory.models import Person
from sessions.models import Session


class ReadOnceChoices(ModelChoiceIterator):
    """The choices from the people the page already read (``field.preloaded_people``), else
    from one read of the field's queryset."""

    def _people(self):
        preloaded = getattr(self.field, "preloaded_people", None)
        # Iterating the queryset itself fills its result cache: later listings reuse it.
        return self.queryset if preloaded is None else preloaded

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self._people():
            yield self.choice(obj)

    def __len__(self):
        return len(self._people()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self._people())


def read_once(field, people: list | None = None) -> None:
    """Make ``field`` (a ModelChoiceField or ModelMultipleChoiceField) list its choices from
    one read of its queryset, or from ``people`` when the page read them already (its queryset
    still validates what is posted)."""
    field.iterator = ReadOnceChoices
    field.preloaded_people = people
    field.widget.choices = field.choices  # the widget keeps the iterator made with the field


# The course's people a note page shows: offered (not removed) or ticked on the note; SQL built
# once per process (``cases.prepared_queries``). Ordered as the people are (closeness, name).
NOTE_PEOPLE_QUERY = PreparedQuery(
    lambda course_id, session_id: (
        Person.objects.filter(course_id=course_id)
        .annotate(
            ticked=Exists(
                Session.people_involved.through.objects.filter(
                    session_id=session_id, person_id=OuterRef("pk")
                )
            )
        )
        .filter(Q(removed_at__isnull=True) | Q(ticked=True))
    )
)


@dataclass
class NotePeople:
    offered: list  # the course's current people: the checkboxes
    ticked: list  # the people the note has ticked, as ``session.people_involved.all()``


def note_people(session: Session) -> NotePeople:
    """The people offered and ticked on ``session``'s note page, in one query."""
    rows = NOTE_PEOPLE_QUERY.list(course_id=session.course_id, session_id=session.pk)
    return NotePeople(
        offered=[person for person in rows if person.removed_at is None],
        ticked=[person for person in rows if person.ticked],
    )


def preload_ticked(session: Session, ticked: list) -> None:
    """Give ``session`` its ticked people as a prefetch would, so the note form's initial
    ticks (``model_to_dict``) come from the page's read instead of a query of their own."""
    queryset = session.people_involved.get_queryset()
    queryset._result_cache = list(ticked)
    queryset._prefetch_done = True
    cache = dict(getattr(session, "_prefetched_objects_cache", {}))
    cache["people_involved"] = queryset
    session._prefetched_objects_cache = cache
