from django import forms
from django.core.exceptions import ValidationError

from dangvu.web.unit_choices import indented_name
from dangvu.web.widgets import FastSelect

from .periods import Period, period_choices


class DashboardForm(forms.Form):
    don_vi = forms.TypedChoiceField(
        label="Tổ chức", required=False, coerce=int, empty_value=None, widget=FastSelect
    )
    ky = forms.ChoiceField(label="Kỳ", required=False, widget=FastSelect)

    def __init__(self, *args, units=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].choices = [
            (u.pk, indented_name(u) + (f" (đến {u.ended_on:%d/%m/%Y})" if u.ended_on else ""))
            for u in units
        ]
        self.fields["ky"].choices = period_choices(years, terms=True)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    def clean_ky(self) -> Period | None:
        code = self.cleaned_data.get("ky")
        if not code:
            return None
        try:
            return Period.parse(code)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
