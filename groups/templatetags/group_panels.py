"""The group's panel on a member's course page (composed pages load it; cases never imports
groups). Shows only this member's entries and the group note redacted for them."""

from django import template

from groups.records import member_record

register = template.Library()


@register.inclusion_tag("groups/panels/course_group.html")
def course_group_panel(course):
    if not course.is_group_member:
        return {"record": None}
    return {"record": member_record(course), "course": course}
