"""{% url %} is ipt_site.templatetags.reversed_urls in every template (a builtin): it writes what
Django's tag writes, remembering each reversed link."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory, override_settings
from django.urls import NoReverseMatch, path, reverse, set_script_prefix

from ipt_site.templatetags.reversed_urls import _reversed, reverse_remembered


def _render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_it_writes_what_django_reverses():
    html = _render(
        "{% url 'cases:course_detail' course_id %}|{% url 'cases:course_sick_role' 7 'given' %}|"
        "{% url 'cases:caseload' %}|{% url 'cases:course_sick_role' course_id=7 kind=kind %}",
        course_id=12,
        kind="resumed",
    )
    assert html.split("|") == [
        reverse("cases:course_detail", args=[12]),
        reverse("cases:course_sick_role", args=[7, "given"]),
        reverse("cases:caseload"),
        reverse("cases:course_sick_role", kwargs={"course_id": 7, "kind": "resumed"}),
    ]


def test_it_remembers_plain_values_only():
    _reversed.cache_clear()
    for _ in range(3):
        _render("{% url 'cases:course_detail' 12 %}{% url 'cases:course_detail' 13 %}")
    assert _reversed.cache_info().currsize == 2
    assert _reversed.cache_info().hits == 4
    # A bool equals 1 but is written "True": never taken for 1 (nor remembered).
    assert reverse_remembered("cases:course_sick_role", [1, True], {}, None).endswith("/True/")
    assert reverse_remembered("cases:course_sick_role", [1, 1], {}, None).endswith("/1/")
    assert _reversed.cache_info().currsize == 3


def test_it_stores_or_raises_as_django_does():
    assert _render("{% url 'no-such-view' as link %}[{{ link }}]") == "[]"
    assert _render("{% url 'cases:course_detail' 5 as link %}{{ link }}") == "/courses/5/"
    with pytest.raises(NoReverseMatch):
        _render("{% url 'no-such-view' %}")
    request = RequestFactory().get("/")
    request.current_app = "cases"
    assert _render("{% url 'cases:caseload' %}", request=request) == reverse("cases:caseload")


urlpatterns = [path("elsewhere/<int:course_id>/", lambda request: None, name="course_detail")]


def test_it_follows_the_url_configuration_and_the_script_prefix():
    assert _render("{% url 'cases:course_detail' 5 %}") == "/courses/5/"
    with override_settings(ROOT_URLCONF=__name__):
        assert _render("{% url 'course_detail' 5 %}") == "/elsewhere/5/"
    set_script_prefix("/clinic/")
    try:
        assert _render("{% url 'cases:course_detail' 5 %}") == "/clinic/courses/5/"
    finally:
        set_script_prefix("/")
    assert _render("{% url 'cases:course_detail' 5 %}") == "/courses/5/"
