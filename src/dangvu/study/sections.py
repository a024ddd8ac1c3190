"""The member page's "Học tập, quán triệt" section (declared in :class:`StudyConfig`)."""

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
    """Shown only when the member was listed at a session."""
    rows = member_rows(request.user, member)
    if not rows:
        return None
    return "study/_member_sessions.html", {"study_rows": rows}
