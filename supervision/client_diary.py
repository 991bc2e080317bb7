"""Whether each course's client keeps their between-session diary: the dashboard's "diary in
use", read as two annotations on the courses' one query (never a query per row)."""

import datetime

from django.db.models import Count, IntegerField, Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from client_area.diary_models import DiaryEntry

# "In use" means written in recently: the last two weeks, about two sessions' worth.
IN_USE_DAYS = 14


def with_diary_use(courses, since: datetime.datetime | None = None):
    """Annotate ``diary_recent`` (entries since ``since``, default the last ``IN_USE_DAYS``)
    and ``diary_last``."""
    if since is None:
        since = timezone.now() - datetime.timedelta(days=IN_USE_DAYS)
    entries = DiaryEntry.objects.filter(course=OuterRef("pk")).order_by().values("course")
    recent = entries.filter(created_at__gte=since).annotate(n=Count("id")).values("n")
    last = entries.annotate(last=Max("created_at")).values("last")
    return courses.annotate(
        diary_recent=Coalesce(Subquery(recent, output_field=IntegerField()), Value(0)),
        diary_last=Subquery(last),
    )
