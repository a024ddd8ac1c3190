"""Who sees which job: its actor, and users who may read the job's unit (404 otherwise)."""

from django.db.models import QuerySet

from dangvu.accounts import permissions
from dangvu.accounts.scopes import scope_for

from .models import Job


def own_jobs(user) -> QuerySet[Job]:
    """The jobs ``user`` started, newest first."""
    return Job.objects.filter(actor=user).select_related("unit").order_by("-created_at", "-id")


def can_see(user, job: Job) -> bool:
    if not user.is_authenticated:
        return False
    if job.actor_id is not None and job.actor_id == user.pk:
        return True
    scope = scope_for(user, permissions.READ)
    if scope.everything:
        return True
    return job.unit is not None and scope.covers(job.unit.path)
