"""FastSelect writes what Django's Select writes (same options, same choice, escaped)."""

import re
from html import unescape

import pytest
from django import forms

from dangvu.web.widgets import FastSelect


def _options(html: str) -> list[tuple[str, bool, str]]:
    found = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', html)
    return [(unescape(value), bool(chosen), unescape(label)) for value, chosen, label in found]


@pytest.mark.parametrize("value", ["", "2", "x&y", None, "9"])
def test_same_options_and_choice_as_djangos_select(value):
    choices = [
        ("", "— tất cả —"),
        (1, "Đảng bộ xã An Hòa"),
        (2, 'Chi bộ <thôn> "1"'),
        ("x&y", "A & B"),
    ]

    def field(widget):
        return forms.TypedChoiceField(choices=choices, required=False, widget=widget)

    class Slow(forms.Form):
        don_vi = field(forms.Select(attrs={"class": "form-select"}))

    class Fast(forms.Form):
        don_vi = field(FastSelect(attrs={"class": "form-select"}))

    slow = str(Slow({"don_vi": value})["don_vi"])
    fast = str(Fast({"don_vi": value})["don_vi"])
    assert _options(fast) == _options(slow) and len(_options(fast)) == len(choices)
    assert 'name="don_vi"' in fast and 'class="form-select"' in fast and 'id="id_don_vi"' in fast
    assert "<thôn>" not in fast  # escaped


def test_grouped_choices_fall_back_on_django():
    widget = FastSelect(choices=[("Nhóm", [(1, "một"), (2, "hai")])])
    assert "<optgroup" in widget.render("x", "1")
