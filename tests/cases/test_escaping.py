"""cases.escaping.text escapes as Django's conditional_escape does, for every kind of value."""

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from cases.escaping import text


def test_it_escapes_as_conditional_escape_does():
    values = [
        "",
        "plain",
        "<b>Tom & \"Jerry\"</b> 'quoted'",
        0,
        17,
        -3,
        2**70,
        True,
        None,
        1.5,
        mark_safe("<em>safe</em>"),
        gettext_lazy("Scores & <bands>"),
    ]
    for value in values:
        assert text(value) == conditional_escape(value), value
