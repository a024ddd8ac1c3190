"""The member page's "Học tập, quán triệt" section (declared in :class:`StudyConfig`).

The member page only gets a placeholder that htmx fills from ``study:member_sessions``, so
the profile's own query count does not grow with this module.
"""

from dangvu.accounts import permissions
from dangvu.accounts.scopes import scope_for

from .selectors import sessions_for_member

LIMIT = 100


def member_rows(user, member) -> list:
    """The member's sessions (newest first, at most ``LIMIT``), each marked ``visible`` when
    ``user`` may open the session's page: one query (plus the user's cached scope)."""
    scope = scope_for(user, permissions.READ)
    rows = list(sessions_for_member(member)[:LIMIT])
    for row in rows:
        row.visible = scope.covers(row.group.session.unit.path)
    return rows


def member_sessions(request, member):
    return "study/_member_section.html", {}
