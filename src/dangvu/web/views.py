from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from dangvu.accounts.models import RoleAssignment
from dangvu.accounts.scopes import today


@login_required
def home(request):
    assignments = (
        RoleAssignment.objects.active_on(today())
        .filter(user=request.user)
        .select_related("role", "unit", "unit__kind")
        .order_by("unit__path")
    )
    return render(request, "web/home.html", {"assignments": assignments})
