"""Job pages: the user's jobs, one job with its progress bar (polled by htmx), the download."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from .models import Job
from .selectors import output_response, own_jobs, visible_job

PER_PAGE = 25


def _job(request, job_id: int) -> Job:
    return visible_job(request.user, job_id)


@login_required
def job_list(request):
    page = Paginator(own_jobs(request.user), PER_PAGE).get_page(request.GET.get("trang"))
    return render(request, "jobs/list.html", {"page": page})


@login_required
def job_detail(request, job_id: int):
    return render(request, "jobs/detail.html", {"job": _job(request, job_id)})


@login_required
def job_progress(request, job_id: int):
    """The fragment the detail page polls every second while the job is queued or running;
    once the job has ended the fragment comes back without its trigger, so polling stops."""
    return render(request, "jobs/_progress.html", {"job": _job(request, job_id)})


@login_required
def job_download(request, job_id: int):
    return output_response(_job(request, job_id))
