"""What every app's forms share: the Bootstrap look, the dd/mm/yyyy date field and the check
of a list filter's date range."""

from __future__ import annotations

from django import forms

from dangvu.orgs.forms import DATE_FORMATS, DateInput


class Styled:
    """``self.style()`` (at the end of ``__init__``) gives every widget its Bootstrap class."""

    def style(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select form-select-sm")
            else:
                widget.attrs.setdefault("class", "form-control form-control-sm")


def date_field(label: str, required: bool = True, **kwargs) -> forms.DateField:
    """A date typed dd/mm/yyyy (ISO accepted too)."""
    return forms.DateField(
        label=label, required=required, input_formats=DATE_FORMATS, widget=DateInput(), **kwargs
    )


class DateRange:
    """A filter's ``tu_ngay`` … ``den_ngay``: the end may not come before the start."""

    def clean(self):
        data = super().clean()
        start, end = data.get("tu_ngay"), data.get("den_ngay")
        if start and end and start > end:
            self.add_error("den_ngay", "“Đến ngày” phải sau “Từ ngày”.")
        return data
