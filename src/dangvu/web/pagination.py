"""A paginator that stops counting at a cap: "hơn 10.000" instead of counting 500,000 rows.

Exact totals belong to the statistics pages (aggregates); a list needs only its first pages —
unless the user asks for the full count (``?dem_du=1``, the link beside "Hơn 10.000").
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 10_000
FULL_COUNT = "dem_du"  # the query parameter that asks a list for its exact count


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, cap: int | None = COUNT_CAP, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        # no ORDER BY when counting: with it the database sorts every row before the LIMIT;
        # no select_related joins either (they never change the number of rows): the
        # clone's query is ours to change, whatever kind of queryset this is
        counted = self.object_list.order_by()
        counted.query.select_related = False
        return counted.count() if self.cap is None else counted[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.cap is not None and self.count > self.cap


def list_page(request, rows, per_page: int):
    """The page of ``rows`` the query string asks for (``trang``; a wrong one: the nearest),
    counted up to the cap unless the query asks for the full count."""
    cap = None if request.GET.get(FULL_COUNT) == "1" else COUNT_CAP
    return CappedPaginator(rows, per_page, cap=cap).get_page(request.GET.get("trang"))


def query_without_page(request) -> str:
    """The list's query string without its page number, for the links to other pages."""
    query = request.GET.copy()
    query.pop("trang", None)
    return query.urlencode()
