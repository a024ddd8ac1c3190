"""Background jobs under /api/jobs/: a job's state and progress, and its file once written.
Seen by the same users as the job's page (its actor, readers of its unit); 404 otherwise."""

from datetime import datetime

from django.urls import reverse
from ninja import Router, Schema

from .models import Job
from .selectors import output_response, visible_job

router = Router(tags=["Việc chạy nền"])


class JobOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    status_label: str
    progress_done: int
    progress_total: int | None
    message: str
    result: dict | None
    created_at: datetime
    finished_at: datetime | None
    file_name: str
    file_url: str | None  # the API's download (token or session)
    page_url: str  # the job's page on the site

    @staticmethod
    def resolve_status_label(job: Job) -> str:
        return job.get_status_display()

    @staticmethod
    def resolve_file_name(job: Job) -> str:
        return job.output_name if job.output_file else ""

    @staticmethod
    def resolve_file_url(job: Job) -> str | None:
        return reverse("api:job_file", args=[job.pk]) if job.output_file else None

    @staticmethod
    def resolve_page_url(job: Job) -> str:
        return reverse("jobs:detail", args=[job.pk])


@router.get("{job_id}", response=JobOut, summary="Trạng thái một việc chạy nền")
def job_detail(request, job_id: int):
    return visible_job(request.user, job_id)


@router.get("{job_id}/file", url_name="job_file", summary="Tải tệp kết quả của một việc")
def job_file(request, job_id: int):
    return output_response(visible_job(request.user, job_id))
