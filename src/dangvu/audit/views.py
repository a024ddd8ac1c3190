from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from dangvu.accounts import permissions
from dangvu.accounts.scopes import scope_for
from dangvu.orgs.models import Unit
from dangvu.web.as_of import parse_day

from .models import AuditEntry


@login_required
def audit_list(request):
    """Change log for auditors: entries about units in the viewer's subtree (view_audit)."""
    scope = scope_for(request.user, permissions.VIEW_AUDIT)
    entries = AuditEntry.objects.select_related("actor", "unit")
    if not scope.everything:
        entries = entries.filter(scope.q("unit__path"))
    filters = {
        "don_vi": request.GET.get("don_vi", "").strip(),
        "nguoi": request.GET.get("nguoi", "").strip(),
        "loai": request.GET.get("loai", "").strip(),
        "tu": request.GET.get("tu", "").strip(),
        "den": request.GET.get("den", "").strip(),
    }
    unit = None
    if filters["don_vi"].isdigit():
        unit = (
            Unit.objects.visible_to(request.user, permissions.VIEW_AUDIT)
            .filter(pk=int(filters["don_vi"]))
            .first()
        )
        if unit is not None:
            entries = entries.filter(unit__path__gte=unit.path, unit__path__lt=unit.path + "~")
        else:
            entries = entries.none()
    if filters["nguoi"]:
        entries = entries.filter(
            Q(actor__username=filters["nguoi"]) | Q(actor__full_name__icontains=filters["nguoi"])
        )
    if filters["loai"]:
        entries = entries.filter(object_type=filters["loai"])
    start, end = parse_day(filters["tu"]), parse_day(filters["den"])
    if start:
        entries = entries.filter(at__date__gte=start)
    if end:
        entries = entries.filter(at__date__lte=end)
    page = Paginator(entries, 50).get_page(request.GET.get("trang"))
    types = AuditEntry.objects.values_list("object_type", flat=True).distinct().order_by()
    query = "&".join(f"{k}={v}" for k, v in filters.items() if v)
    return render(
        request,
        "audit/list.html",
        {
            "page": page,
            "filters": filters,
            "unit": unit,
            "types": sorted(set(types)),
            "query": query,
            "allowed": not scope.is_empty,
            "user_model": get_user_model(),
        },
    )
