from django import template

register = template.Library()


@register.inclusion_tag("inventory/panels/course_inventory.html", takes_context=True)
def course_inventory_panel(context, course):
    """The course page's inventory and timeline summary. The inventory issue fills this in."""
    return {"course": course, "request": context.get("request")}
