"""``{% member_study_sessions member as rows %}``: the member's sessions for the member page
(one query); each row says whether the viewer may open the session (``visible``)."""

from django import template

from dangvu.accounts import permissions
from dangvu.accounts.scopes import scope_for

from ..selectors import sessions_for_member

register = template.Library()

LIMIT = 100


@register.simple_tag(takes_context=True)
def member_study_sessions(context, member):
    request = context.get("request")
    scope = scope_for(getattr(request, "user", None), permissions.READ)
    rows = list(sessions_for_member(member)[:LIMIT])
    for row in rows:
        row.visible = scope.covers(row.group.session.unit.path)
    return rows
