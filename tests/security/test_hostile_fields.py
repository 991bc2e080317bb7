"""Every catalogued form, posted by the person allowed to write through it, with valid data in
which some fields are replaced by hostile values of their kind: ids past 64 bits, dates from
year 1 to 9999 (and impossible ones), text with NUL bytes (issue 14, F6).

No answer is a 500, on SQLite or PostgreSQL, and a 4xx answer changes no clinical record. The valid data come from the access catalogue (tests/access/catalogue.py), so
a new form is fuzzed as soon as it is catalogued; the fields are the catalogue's data plus every
field the form's page shows.
"""

import datetime
import re

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.access.catalogue import CATALOGUE, World, url_for
from tests.access.test_matrix import clinical_snapshot
from tests.security.test_hostile_input import FAST, STRATEGY_OF, form_fields

pytestmark = pytest.mark.django_db

# Fields a POST-only view reads that its catalogue data leave out.
EXTRA_FIELDS = {
    "sessions:autosave": {"people_involved": "id"},
    "sessions:edit": {"people_involved": "id"},
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def kind_of(value) -> str:
    if isinstance(value, datetime.date) or (isinstance(value, str) and ISO_DATE.match(value)):
        return "date"
    if isinstance(value, (int, list, tuple)) or (isinstance(value, str) and value.isdigit()):
        return "id"
    return "text"


def fields_of(name: str, entry, world: World, client: Client) -> tuple[str, dict, dict]:
    url = url_for(name, world)
    valid = dict(entry.post(world))
    kinds = {k: kind_of(v) for k, v in valid.items()}
    if entry.get in ("read", "write"):
        page = client.get(url)
        if page.status_code == 200 and "html" in page.get("Content-Type", ""):
            for field, kind in form_fields(page.content.decode()).items():
                kinds.setdefault(field, kind)
    kinds.update(EXTRA_FIELDS.get(name, {}))
    kinds.pop("csrfmiddlewaretoken", None)
    kinds["unexpected_field"] = "text"  # a field no form has (and something to spoil)
    return url, valid, kinds


POSTED = sorted(name for name, entry in CATALOGUE.items() if entry.post)


@pytest.mark.parametrize("name", POSTED)
def test_every_form_refuses_hostile_ids_dates_and_nul_bytes_without_a_500(name):
    entry = CATALOGUE[name]
    world = World.build()
    world.get("person")  # so the note form offers people to choose from
    client = Client()
    client.force_login(
        world.owner_supervisor if entry.writer == "owner_supervisor" else world.owner
    )
    url, valid, kinds = fields_of(name, entry, world, client)

    @settings(FAST, max_examples=12)
    @given(
        spoilt=st.sets(st.sampled_from(sorted(kinds)), min_size=1, max_size=3).flatmap(
            lambda names: st.fixed_dictionaries({n: STRATEGY_OF[kinds[n]] for n in names})
        )
    )
    def post_spoilt(spoilt):
        before = clinical_snapshot()
        response = client.post(url, {**valid, **spoilt})
        assert response.status_code != 500, (url, spoilt)
        if response.status_code >= 400:
            assert clinical_snapshot() == before, f"{url} refused {spoilt} but changed records"

    post_spoilt()
