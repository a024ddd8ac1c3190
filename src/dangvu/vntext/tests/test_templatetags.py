from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template


def render(source: str, **context) -> str:
    # No {% load %}: the library is registered as a template builtin in settings.
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("source", "context", "expected"),
    [
        ("{{ v|vn_number }}", {"v": 2229}, "2.229"),
        ("{{ v|vn_number }}", {"v": 12446}, "12.446"),
        ("{{ v|vn_number:1 }}", {"v": Decimal("96.14")}, "96,1"),
        ("{{ v|vn_number:'2' }}", {"v": 2.5}, "2,50"),
        ("{{ v|vn_percent }}", {"v": Decimal("96.14")}, "96,1%"),
        ("{{ v|vn_percent:0 }}", {"v": 97.5}, "98%"),
        ("{{ v|vn_count }}", {"v": 4}, "04"),
        ("{{ d|vn_date }}", {"d": date(2023, 9, 6)}, "06/09/2023"),
        ("{{ d|vn_date_long }}", {"d": date(2023, 9, 6)}, "ngày 06 tháng 9 năm 2023"),
        ("{{ d|vn_date_long }}", {"d": date(2023, 2, 15)}, "ngày 15 tháng 02 năm 2023"),
        ("ngày {{ d|vn_date_dash }}", {"d": date(2016, 4, 12)}, "ngày 12-4-2016"),
        ("{{ s|search_key }}", {"s": "Nguyễn Văn Ánh"}, "nguyen van anh"),
        ("{{ s|search_key }}", {"s": "Tỉnh uỷ Bắc Ninh"}, "tinh uy bac ninh"),
    ],
)
def test_filters(source, context, expected):
    assert render(source, **context) == expected


def test_missing_and_unformattable_values():
    assert render("[{{ v|vn_number }}][{{ v|vn_percent }}][{{ v|vn_date }}]", v=None) == "[][][]"
    assert render("{{ v|vn_number }}", v="chưa có") == "chưa có"
    assert render("{{ v|vn_date_long }}", v="không rõ") == "không rõ"
    assert render("[{{ missing|vn_date }}]") == "[]"


@pytest.mark.parametrize(
    ("source", "context", "expected"),
    [
        ("{% vn_ratio 941 968 %}", {}, "941/968 (97,2%)"),
        ("{% vn_ratio a b %}", {"a": 337, "b": 354}, "337/354 (95,2%)"),
        ("{% vn_ratio a b %}", {"a": "6.042", "b": "6.213"}, "6.042/6.213 (97,2%)"),
        ("{% vn_ratio a b decimals=2 %}", {"a": 61, "b": 73}, "61/73 (83,56%)"),
        ("{% vn_ratio 5 0 %}", {}, "5/0 (—)"),
        ("[{% vn_ratio a b %}]", {"a": None, "b": 10}, "[]"),
    ],
)
def test_vn_ratio(source, context, expected):
    assert render(source, **context) == expected


def test_vn_ratio_follows_truncate_setting(settings):
    settings.DANGVU_ROUNDING = "truncate"
    assert render("{% vn_ratio 61 73 %}") == "61/73 (83,5%)"
