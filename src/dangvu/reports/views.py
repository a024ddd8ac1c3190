from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dangvu.jobs.services import start_job
from dangvu.orgs.tree_paths import path_ids
from dangvu.web.unit_choices import unit_from_query

from .engine import FIRST_YEAR, today
from .forms import DashboardForm
from .job_handlers import DOCUMENT_JOB, REFRESH_JOB
from .models import ReportFormat
from .periods import Period, PeriodKind
from .selectors import dashboard as build_dashboard
from .selectors import report_units, sources_of, top_of_scope, written_report_for

MAX_UNIT_CHOICES = 200


def unit_choices(units, unit):
    """The picker: the unit's ancestors within the viewer's scope, the unit and its sub-units
    (not cells) — a path through the tree, not every unit of a province (or of the country)."""
    if unit is None:
        return []
    chain = units.filter(pk__in=path_ids(unit.path)).order_by("path")
    below = units.filter(parent=unit, kind__is_cell=False).order_by("path")[:MAX_UNIT_CHOICES]
    return [*chain, *below]


def _unit(request, units):
    """The unit asked for (404 outside the scope), else the top of the viewer's scope."""
    chosen = unit_from_query(request, units)
    return chosen or top_of_scope(units)


@login_required
def dashboard(request):
    """The main figures of a unit's subtree for a period, with the change from the same
    period a year before and the sub-units; every figure links to its records."""
    units = report_units(request.user)
    unit = _unit(request, units)
    choices = unit_choices(units, unit)
    this_year = today().year
    form = DashboardForm(
        request.GET or None,
        units=choices,
        years=range(this_year, FIRST_YEAR - 1, -1),
        initial={"don_vi": unit.pk if unit else None, "ky": str(this_year)},
    )
    period = (form.cleaned_data.get("ky") if form.is_valid() else None) or Period(
        this_year, PeriodKind.YEAR
    )
    board = build_dashboard(request.user, unit, period) if unit is not None else None
    return render(request, "reports/dashboard.html", {"form": form, "board": board})


@login_required
@require_POST
def generate(request):
    """Start the report document job for the dashboard's unit and period (DOCX or XLSX)."""
    units = report_units(request.user)
    raw = request.POST.get("don_vi", "")
    if not raw.isdigit():
        raise Http404
    unit = get_object_or_404(units, pk=int(raw))
    fmt = request.POST.get("dinh_dang", "docx")
    number = request.POST.get("so", "").strip()[:20]
    try:
        period = Period.parse(request.POST.get("ky", ""))
        if fmt not in ReportFormat.values:
            raise ValidationError("Định dạng phải là DOCX hoặc XLSX.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{request.path.rsplit('/', 2)[0]}/?don_vi={unit.pk}")
    job = start_job(
        actor=request.user,
        kind=DOCUMENT_JOB,
        unit=unit,
        params={"unit_id": unit.pk, "period": period.code, "format": fmt, "number": number},
        title=f"Báo cáo {period.label.lower()} — {unit.name} ({fmt.upper()})",
    )
    return redirect("jobs:detail", job.pk)


@login_required
@require_POST
def refresh(request):
    """Bring the aggregates up to date now (a background job; normally run on a schedule and
    after imports by ``dangvu refresh-aggregates``)."""
    if not report_units(request.user).exists():
        raise Http404
    job = start_job(actor=request.user, kind=REFRESH_JOB)
    return redirect("jobs:detail", job.pk)


@login_required
def sources(request, report_id: int):
    """A written report's numbers in their order, each with the indicator, unit, period and
    aggregate version it came from and a link to its records (404 outside the scope)."""
    report = written_report_for(request.user, report_id)
    period = Period.parse(report.period)
    return render(
        request,
        "reports/sources.html",
        {"report": report, "period": period, "sources": sources_of(request.user, report)},
    )
