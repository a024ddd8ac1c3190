from django import forms

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(label="Tệp danh sách (.xlsx hoặc .csv)")
    unit = forms.ModelChoiceField(
        label="Nhập vào tổ chức",
        queryset=None,
        help_text="Các chi bộ trong tệp phải thuộc tổ chức này.",
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = None  # defaults to the user's top unit
        self.fields["file"].widget.attrs["class"] = "form-control"
        self.fields["unit"].widget.attrs["class"] = "form-select"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("Chỉ nhận tệp .xlsx hoặc .csv.")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                "Tệp lớn hơn 50 MB; hãy chia nhỏ hoặc dùng lệnh dangvu import-members."
            )
        return upload
