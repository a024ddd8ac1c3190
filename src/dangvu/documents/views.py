"""Document pages: the scoped, searchable list; create/edit forms; the detail page with
attachments, relations and the sections other apps add. A document the user may not read
answers 404; so does a change the user may not make."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dangvu.accounts import permissions
from dangvu.accounts.scopes import scope_for
from dangvu.jobs.file_names import content_disposition
from dangvu.jobs.services import start_job
from dangvu.web.form_actions import NOTHING, form_page, submit
from dangvu.web.pagination import list_page, query_without_page

from . import selectors, services
from .attachment_files import CONTENT_TYPES
from .forms import AttachmentForm, DocumentForm, RelationForm
from .job_handlers import EXPORT
from .listing import filtered
from .models import Attachment, Document, DocumentRelation
from .sections import sections_for

PER_PAGE = 50


def _document(request, document_id: int) -> Document:
    return get_object_or_404(
        Document.objects.visible_to(request.user).select_related("doc_type", "unit", "created_by"),
        pk=document_id,
    )


def _writable(request, document_id: int) -> Document:
    document = _document(request, document_id)
    if not selectors.can_write(request.user, document):
        raise Http404
    return document


def _unit_options(request):
    units = list(selectors.writable_units(request.user)[:2000])
    for unit in units:
        unit.label = "· " * max(unit.depth, 0) + unit.name
        if unit.ended_on is not None:
            unit.label += f" (chấm dứt {unit.ended_on:%d/%m/%Y})"
    return units


@login_required
def document_list(request):
    result = filtered(request.user, request.GET, with_choices=not request.htmx)
    page = list_page(request, result.documents, PER_PAGE)
    query = query_without_page(request)
    context = {
        "form": result.form,
        "page": page,
        "unit": result.unit,
        "query": query,
        "can_create": not scope_for(request.user, permissions.WRITE).is_empty,
    }
    if request.htmx:
        return render(request, "documents/_results.html", context)
    return render(request, "documents/list.html", context)


@login_required
@require_POST
def export(request):
    """Start the XLSX export of the list filtered by the query string (a POST, since it
    starts a job); the job page shows progress and the file."""
    if scope_for(request.user, permissions.READ).is_empty:
        raise Http404
    filters = {key: request.GET.getlist(key) for key in request.GET if key != "trang"}
    result = filtered(request.user, filters)  # a unit outside the scope answers 404 here
    job = start_job(
        actor=request.user,
        kind=EXPORT,
        unit=result.unit,
        params={"filters": filters},
        title="Xuất danh sách văn bản" + (f" — {result.unit.name}" if result.unit else ""),
    )
    return redirect("jobs:detail", job.pk)


@login_required
def create(request):
    units = _unit_options(request)
    if not units:
        raise Http404
    initial = {}
    if request.method != "POST" and request.GET.get("don_vi", "").isdigit():
        initial["unit"] = int(request.GET["don_vi"])
    form = DocumentForm(request.POST or None, units=units, initial=initial)
    return form_page(
        request,
        form,
        lambda f: services.create_document(actor=request.user, **f.service_data()),
        success="Đã ghi văn bản vào sổ.",
        template="documents/form.html",
        context={"title": "Thêm văn bản", "document": None},
        target=lambda document: ("documents:detail", document.pk),
    )


@login_required
def edit(request, document_id: int):
    document = _writable(request, document_id)
    units = _unit_options(request)
    initial = {
        "unit": document.unit_id,
        "body": document.body,
        "doc_type": document.doc_type_id,
        "number": document.number,
        "agency": document.agency,
        "date": document.date,
        "term": document.term,
        "title": document.title,
        "summary": document.summary,
        "revision": document.revision,
    }
    form = DocumentForm(request.POST or None, units=units, initial=initial)

    def action(f):
        if f.cleaned_data.get("revision") is None:
            raise ValidationError("Thiếu phiên bản của văn bản; hãy tải lại trang.")
        return services.update_document(
            actor=request.user,
            document=document,
            expected_revision=f.cleaned_data["revision"],
            **f.service_data(),
        )

    return form_page(
        request,
        form,
        action,
        success="Đã lưu thay đổi.",
        template="documents/form.html",
        context={"title": f"Sửa văn bản {document.symbol}", "document": document},
        target=lambda d: ("documents:detail", d.pk),
    )


@login_required
def detail(request, document_id: int):
    document = _document(request, document_id)
    can_write = selectors.can_write(request.user, document)
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "can_write": can_write,
            "attachments": list(document.attachments.all()),
            "relations": selectors.relations_of(request.user, document),
            "attachment_form": AttachmentForm() if can_write else None,
            "relation_form": RelationForm() if can_write else None,
            "sections": sections_for(request, document),
        },
    )


@login_required
@require_POST
def add_attachment(request, document_id: int):
    document = _writable(request, document_id)
    form = AttachmentForm(request.POST, request.FILES)
    result = submit(
        request,
        form,
        lambda f: services.add_attachment(
            actor=request.user, document=document, upload=f.cleaned_data["file"]
        ),
    )
    if result is NOTHING:
        for message in [*form.non_field_errors(), *form.errors.get("file", [])]:
            messages.error(request, message)
    else:
        messages.success(request, f"Đã đính kèm “{result.original_name}”.")
    return redirect("documents:detail", document.pk)


def _attachment(request, document_id: int, attachment_id: int) -> Attachment:
    document = _document(request, document_id)
    return get_object_or_404(document.attachments.select_related("document"), pk=attachment_id)


@login_required
def download(request, document_id: int, attachment_id: int):
    attachment = _attachment(request, document_id, attachment_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=CONTENT_TYPES.get(attachment.kind))
    response["Content-Disposition"] = content_disposition(
        attachment.original_name, attachment=attachment.kind in ("docx",)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"  # a PDF shown inline runs no script
    return response


@login_required
@require_POST
def remove_attachment(request, document_id: int, attachment_id: int):
    document = _writable(request, document_id)
    attachment = get_object_or_404(document.attachments, pk=attachment_id)
    attachment.document = document
    services.remove_attachment(actor=request.user, attachment=attachment)
    messages.success(request, f"Đã gỡ tệp “{attachment.original_name}”.")
    return redirect("documents:detail", document.pk)


@login_required
@require_POST
def add_relation(request, document_id: int):
    document = _writable(request, document_id)
    form = RelationForm(request.POST)

    def action(f):
        candidates = selectors.documents_named(request.user, f.cleaned_data["target"])
        if not candidates:
            raise ValidationError(
                f"Không tìm thấy văn bản “{f.cleaned_data['target']}” trong phạm vi bạn được "
                "xem. Ghi số hiệu đầy đủ, ví dụ 71-NQ/TU."
            )
        if len(candidates) > 1:
            listed = "; ".join(
                f"{d.symbol} ngày {d.date:%d/%m/%Y} ({d.unit.name})" for d in candidates
            )
            raise ValidationError(
                f"Có {len(candidates)} văn bản cùng số hiệu: {listed}. "
                "Ghi thêm năm hoặc ngày ban hành, ví dụ “71-NQ/TU 2022”."
            )
        return services.link_documents(
            actor=request.user, source=document, target=candidates[0], kind=f.cleaned_data["kind"]
        )

    result = submit(request, form, action)
    if result is NOTHING:
        for field in form:
            for error in field.errors:
                messages.error(request, f"{field.label}: {error}")
        for error in form.non_field_errors():
            messages.error(request, error)
    else:
        messages.success(request, "Đã thêm quan hệ văn bản.")
    return redirect("documents:detail", document.pk)


@login_required
@require_POST
def remove_relation(request, document_id: int, relation_id: int):
    document = _writable(request, document_id)
    relation = get_object_or_404(
        DocumentRelation.objects.select_related("source__unit", "target__doc_type"),
        Q(source=document),
        pk=relation_id,
    )
    services.unlink_documents(actor=request.user, relation=relation)
    messages.success(request, "Đã gỡ quan hệ văn bản.")
    return redirect("documents:detail", document.pk)
