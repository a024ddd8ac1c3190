"""Who sees which job: its actor, and users who may read the job's unit (404 otherwise)."""

from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from dangvu.accounts import permissions
from dangvu.accounts.scopes import scope_for

from .file_names import content_disposition
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


def visible_job(user, job_id: int) -> Job:
    """The job, or 404 for a user who may not see it (the page and the API)."""
    job = get_object_or_404(Job.objects.select_related("unit"), pk=job_id)
    if not can_see(user, job):
        raise Http404
    return job


def output_response(job: Job) -> FileResponse:
    """The job's file as a download under its Vietnamese name; 404 when there is none."""
    if not job.output_file:
        raise Http404
    try:
        handle = job.output_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=job.output_name)
    response["Content-Disposition"] = content_disposition(
        job.output_name or job.output_file.name.rsplit("/", 1)[-1]
    )
    return response
