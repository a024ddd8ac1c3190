"""Who may see what: the one scope mechanism used by every list, page and API object.

A role held at a unit grants its permissions over that unit's subtree. A user's scope for a
permission is the set of subtree roots (materialised paths) where an active role grants it;
lists filter with :meth:`Scope.q` (a single SQL condition on a path column) and object pages
check :meth:`Scope.covers` — anything outside answers 404.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from dangvu.orgs.models import Unit
from dangvu.orgs.tree_paths import minimal_roots, path_range, path_within

from . import permissions
from .models import RoleAssignment


@dataclass(frozen=True)
class Scope:
    roots: tuple[str, ...] = ()
    everything: bool = False

    def q(self, field: str = "path") -> Q:
        """A filter keeping rows whose ``field`` (a tree path) lies in the scope."""
        if self.everything:
            return Q()
        if not self.roots:
            return Q(pk__in=[])
        condition = Q()
        for root in self.roots:
            low, high = path_range(root)
            condition |= Q(**{f"{field}__gte": low, f"{field}__lt": high})
        return condition

    def covers(self, path: str | None) -> bool:
        if self.everything:
            return True
        return bool(path) and any(path_within(path, root) for root in self.roots)

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.roots


def today() -> date:
    return timezone.localdate()


def scope_for(user, perm: str, *, on: date | None = None) -> Scope:
    """The subtrees where ``user`` holds ``perm`` on day ``on`` (default: today).

    Superusers (installation administrators) see everything. Cached on the user object,
    so one request asks the database once per permission.
    """
    if perm not in permissions.all_permissions():
        raise ValueError(f"Quyền không tồn tại: {perm!r}.")
    if user is None or not user.is_authenticated or not user.is_active:
        return Scope()
    if user.is_superuser:
        return Scope(everything=True)
    day = on or today()
    cache = user.__dict__.setdefault("_dangvu_scope_cache", {})
    key = day
    if key not in cache:
        rows = (
            RoleAssignment.objects.active_on(day)
            .filter(user=user)
            .values_list("role__permissions", "unit__path")
        )
        by_perm: dict[str, set[str]] = {}
        for role_perms, unit_path in rows:
            for code in permissions.expand(role_perms):
                by_perm.setdefault(code, set()).add(unit_path)
        cache[key] = {code: Scope(minimal_roots(paths)) for code, paths in by_perm.items()}
    return cache[key].get(perm, Scope())


def has_perm_at(user, perm: str, unit) -> bool:
    return scope_for(user, perm).covers(unit.path)


def require_write(actor, *units, what: str) -> None:
    """A service's own check (the views check it too): a signed-in ``actor`` must hold
    ``write`` at one of ``units``, else "Bạn không có quyền {what} của {the units}.". The
    system (no actor) writes anywhere; values that are not units are left to the service's
    checks of its fields."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return
    units = [u for u in units if isinstance(u, Unit)]
    if units and not any(has_perm_at(actor, permissions.WRITE, u) for u in units):
        names = " hoặc ".join(u.name for u in units)
        raise ValidationError(f"Bạn không có quyền {what} của {names}.")


def has_any_role(user) -> bool:
    return not scope_for(user, permissions.VIEW_UNITS).is_empty
