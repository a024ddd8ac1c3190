"""``{% member_study_sessions member as rows %}``: the member's sessions, for templates that
include ``study/_member_sessions.html`` without going through the member page's sections."""

from django import template

from ..sections import member_rows

register = template.Library()


@register.simple_tag(takes_context=True)
def member_study_sessions(context, member):
    request = context.get("request")
    return member_rows(getattr(request, "user", None), member)
