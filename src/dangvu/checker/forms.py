from django import forms

from dangvu.web.unit_choices import indented_name
from dangvu.web.widgets import FastSelect

from .reading import MAX_BYTES, UnreadableFile, read_upload

MAX_CHARS = 500_000


class SystemFields(forms.Form):
    """The unit and period of the report, to compare its figures with the system (optional;
    :func:`dangvu.checker.system.resolve` checks them against the user's scope)."""

    don_vi = forms.CharField(label="So sánh với số liệu của tổ chức", required=False)
    ky = forms.ChoiceField(label="Kỳ báo cáo", required=False)

    def __init__(self, *args, units=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        from dangvu.reports.periods import period_choices

        self.unit_choices = [("", "— không so sánh —")] + [
            (str(u.pk), indented_name(u)) for u in units
        ]
        self.fields["don_vi"].widget = FastSelect(
            choices=self.unit_choices, attrs={"class": "form-select"}
        )
        self.fields["ky"].choices = [("", "— chọn kỳ —"), *period_choices(years)]
        self.fields["ky"].widget.attrs["class"] = "form-select"


class CheckForm(SystemFields):
    """Pasted text or an uploaded .txt/.docx file (the file wins when both are given), and
    optionally the unit and period to compare with."""

    field_order = ["text", "file", "don_vi", "ky"]

    text = forms.CharField(
        label="Dán nội dung báo cáo",
        required=False,
        max_length=MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 10, "class": "form-control"}),
    )
    file = forms.FileField(
        label="Hoặc tải lên tệp .txt / .docx",
        required=False,
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".txt,.docx"}),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            if upload.size > MAX_BYTES:
                raise forms.ValidationError("Tệp lớn hơn 10 MB; hãy chia nhỏ báo cáo.")
            try:
                data["text"] = read_upload(upload.name, upload.read())
            except UnreadableFile as exc:
                raise forms.ValidationError(str(exc)) from exc
            data["source"] = upload.name
        else:
            data["source"] = ""
        if not (data.get("text") or "").strip():
            raise forms.ValidationError("Hãy dán nội dung báo cáo hoặc chọn một tệp .txt/.docx.")
        if len(data["text"]) > MAX_CHARS:
            raise forms.ValidationError("Báo cáo dài quá 500.000 ký tự; hãy chia nhỏ.")
        return data


class DownloadForm(SystemFields):
    text = forms.CharField(max_length=MAX_CHARS, strip=False)
    source = forms.CharField(required=False, max_length=255)
    format = forms.ChoiceField(choices=[("html", "HTML"), ("xlsx", "XLSX")])
