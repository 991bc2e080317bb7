"""``{% inventory_field field %}``: ``inventory/_field.html`` written in Python
(``inventory.field_html``)."""

from django import template

from inventory.field_html import field_html

register = template.Library()


@register.simple_tag
def inventory_field(field):
    return field_html(field)
