"""Users below: officers with "manage users" see and manage the roles held in their subtree."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from dangvu.orgs.models import Unit
from dangvu.web.form_actions import NOTHING, submit

from . import permissions, services
from .forms import AssignRoleForm, EndRoleForm, NewUserForm
from .models import RoleAssignment, User
from .scopes import scope_for


def _scope(request):
    return scope_for(request.user, permissions.MANAGE_USERS)


def _users_in_scope(request):
    scope = _scope(request)
    held = RoleAssignment.objects.filter(scope.q("unit__path")).values("user_id")
    return User.objects.filter(pk__in=held)


def _units(request):
    return (
        Unit.objects.visible_to(request.user, permissions.MANAGE_USERS).current().order_by("path")
    )


@login_required
def user_list(request):
    scope = _scope(request)
    users = _users_in_scope(request).order_by("username")
    page = Paginator(users, 50).get_page(request.GET.get("trang"))
    assignments = (
        RoleAssignment.objects.filter(user__in=list(page.object_list))
        .filter(scope.q("unit__path"))
        .select_related("role", "unit")
        .order_by("valid_from")
    )
    by_user: dict[int, list] = {}
    for assignment in assignments:
        by_user.setdefault(assignment.user_id, []).append(assignment)
    for user in page.object_list:
        user.scoped_roles = by_user.get(user.pk, [])
    return render(request, "accounts/user_list.html", {"page": page, "allowed": not scope.is_empty})


@login_required
def user_new(request):
    if _scope(request).is_empty:
        return render(request, "accounts/user_list.html", {"allowed": False})
    form = NewUserForm(request.POST or None, units=_units(request))

    @transaction.atomic
    def create(f):
        data = f.cleaned_data
        user = services.create_user(
            actor=request.user,
            username=data["username"],
            full_name=data["full_name"],
            password=data["password"],
            unit=data["unit"],
        )
        return f.assign(actor=request.user, user=user).user

    user = submit(request, form, create)
    if user is not NOTHING:
        messages.success(request, f"Đã tạo tài khoản {user.username}.")
        return redirect("accounts:detail", user.pk)
    return render(request, "accounts/form.html", {"form": form, "title": "Tạo tài khoản"})


@login_required
def user_detail(request, user_id: int):
    user = get_object_or_404(_users_in_scope(request), pk=user_id)
    scope = _scope(request)
    form = AssignRoleForm(request.POST or None, units=_units(request))
    if submit(request, form, lambda f: f.assign(actor=request.user, user=user)) is not NOTHING:
        messages.success(request, "Đã phân công vai trò.")
        return redirect("accounts:detail", user.pk)
    assignments = (
        RoleAssignment.objects.filter(user=user)
        .filter(scope.q("unit__path"))
        .select_related("role", "unit")
        .order_by("valid_from")
    )
    return render(
        request,
        "accounts/user_detail.html",
        {"subject": user, "assignments": assignments, "form": form, "end_form": EndRoleForm()},
    )


@login_required
def end_assignment(request, assignment_id: int):
    assignment = get_object_or_404(
        RoleAssignment.objects.filter(_scope(request).q("unit__path")), pk=assignment_id
    )
    form = EndRoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_role(
                actor=request.user, assignment=assignment, valid_to=form.cleaned_data["valid_to"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, "Đã kết thúc vai trò.")
    else:
        messages.error(request, "Hãy nhập ngày kết thúc hợp lệ.")
    return redirect("accounts:detail", assignment.user_id)
