"""The count above a list: the exact number, or "Hơn 10.000" with a link that counts them all
(:data:`dangvu.web.pagination.FULL_COUNT`) — so a figure of a dashboard (19.057 đảng viên) can
be checked against the list it links to."""

from django import template
from django.utils.html import format_html

from dangvu.vntext.formats import format_number
from dangvu.web.pagination import FULL_COUNT

register = template.Library()


@register.simple_tag(takes_context=True)
def list_count(context, page) -> str:
    paginator = page.paginator
    if not paginator.capped:
        return format_number(paginator.count)
    query = context["request"].GET.copy()
    query.pop("trang", None)
    query[FULL_COUNT] = "1"
    return format_html(
        'Hơn {} <a href="?{}" title="Đếm đủ số bản ghi theo bộ lọc (có thể chậm)">(đếm đủ)</a>',
        format_number(paginator.cap),
        query.urlencode(),
    )
