"""The one scoped queryset: rows whose unit lies in the user's scope for a permission.

``visible_to(user, perm)`` is a single path-range filter on ``scope_path`` (the path of the
row's unit as seen from the model: ``"unit__path"``, ``"assignment__unit__path"`` …); object
pages answer 404 for anything it leaves out. Models whose visibility is wider (documents read
below their issuer, implementation items assigned into the scope) override it.
"""

from django.db import models


class ScopedQuerySet(models.QuerySet):
    scope_path = "unit__path"

    def visible_to(self, user, perm: str = "read"):
        from .scopes import scope_for

        return self.filter(scope_for(user, perm).q(self.scope_path))
