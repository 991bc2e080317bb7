"""``{% url %}`` that remembers what it reversed, installed as a template builtin in place of
Django's own (``TEMPLATES`` in ``ipt_site.settings``): the same tag, the same output.

Django's tag reverses on every render, ~15-25 µs each (the view's candidate patterns, the
pattern's regular expression, quoting), and a record page writes thirty-odd links: the actions
of one course or session, the navigation, the panels. They are the same few views with the same
few ids from one request to the next, so each is reversed once per process and then looked up.

``reverse`` depends on nothing but what the key holds: the view name, the arguments, the current
app, the URL configuration (its resolver object, which Django replaces when the configuration
changes), the script prefix and the language. Only plain strings and ints are remembered (a
model instance, a lazy string or a bool is reversed every time), and a failed reverse never is.
"""

import functools

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()

# Exactly these types (a template's quoted literal is a SafeString): a bool equals 1 and an
# enum member equals its value, but each writes itself differently in a URL.
_PLAIN = frozenset({int, str, SafeString})


@functools.lru_cache(maxsize=4096)
def _reversed(resolver, prefix, language, view_name, args, kwargs, current_app) -> str:
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


def reverse_remembered(view_name, args: list, kwargs: dict, current_app) -> str:
    """``reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)``, remembered."""
    if (
        type(view_name) in _PLAIN
        and (current_app is None or type(current_app) in _PLAIN)
        and all(type(value) in _PLAIN for value in args)
        and all(type(value) in _PLAIN for value in kwargs.values())
    ):
        return _reversed(
            get_resolver(get_urlconf()),
            get_script_prefix(),
            get_language(),
            view_name,
            tuple(args),
            tuple(kwargs.items()),
            current_app,
        )
    return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)


class RememberedURLNode(URLNode):
    def render(self, context):
        # Django's URLNode.render, with the remembered reverse.
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = reverse_remembered(view_name, args, kwargs, current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        if context.autoescape:
            url = conditional_escape(url)
        return url


@register.tag
def url(parser, token):
    """Django's ``{% url %}``, parsed by Django, rendered with ``reverse_remembered``."""
    node = django_url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
