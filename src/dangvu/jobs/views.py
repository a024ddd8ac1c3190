"""Job pages: the user's jobs, one job with its progress bar (polled by htmx), the download."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from .file_names import content_disposition
from .models import Job
from .selectors import can_see, own_jobs

PER_PAGE = 25


def _job(request, job_id: int) -> Job:
    job = get_object_or_404(Job.objects.select_related("unit"), pk=job_id)
    if not can_see(request.user, job):
        raise Http404
    return job


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
    job = _job(request, job_id)
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
