"""Columns of a member file: the national database's clean-up template and our own export.

Headers are matched by their search key, so case, diacritics and spacing do not matter, and
the usual variants of each header are accepted.
"""

from dataclasses import dataclass

from dangvu.vntext.search_keys import search_key


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # as written in our export
    variants: tuple[str, ...] = ()
    kind: str = "text"  # text | date | gender | id | card | status | theory
    sensitive: bool = False


COLUMNS = [
    Column("full_name", "Họ và tên", ("Họ tên", "Họ và tên khai sinh", "Họ và tên đảng viên")),
    Column("other_name", "Tên gọi khác", ("Bí danh",)),
    Column("gender", "Giới tính", ("Nam/Nữ", "Giới"), kind="gender"),
    Column(
        "birth_date",
        "Sinh ngày",
        ("Ngày sinh", "Ngày tháng năm sinh", "Ngày, tháng, năm sinh"),
        kind="date",
    ),
    Column("ethnicity", "Dân tộc", (), sensitive=True),
    Column("religion", "Tôn giáo", (), sensitive=True),
    Column(
        "cccd",
        "Số định danh cá nhân",
        ("Số CCCD", "CCCD", "Căn cước công dân", "Số căn cước", "Số căn cước công dân", "Số ĐDCN"),
        kind="id",
    ),
    Column("old_cmnd", "Số CMND cũ", ("CMND", "Số CMND", "Chứng minh nhân dân"), kind="id"),
    Column(
        "card_number",
        "Số thẻ Đảng (12 số)",
        ("Số thẻ Đảng", "Số thẻ đảng viên", "Số thẻ"),
        kind="card",
    ),
    Column("old_card_number", "Số thẻ cũ", ("Số thẻ Đảng cũ",), kind="card"),
    Column("card_issuer", "Nơi cấp thẻ", ("Nơi cấp",)),
    Column("card_issued_on", "Ngày cấp thẻ", ("Ngày cấp",), kind="date"),
    Column(
        "unit",
        "Tổ chức Đảng đang sinh hoạt",
        ("Chi bộ", "Đơn vị", "Chi bộ sinh hoạt", "Tổ chức đảng", "Nơi sinh hoạt"),
    ),
    Column("birth_registration_place", "Nơi đăng ký khai sinh", ("Nơi sinh",)),
    Column("hometown", "Quê quán", ()),
    Column("permanent_address", "Thường trú", ("Nơi thường trú", "Địa chỉ thường trú")),
    Column("temporary_address", "Tạm trú", ("Nơi tạm trú",)),
    Column("admission_date", "Ngày vào Đảng", ("Ngày kết nạp", "Ngày kết nạp Đảng"), kind="date"),
    Column("ceremony_date", "Ngày lễ kết nạp", (), kind="date"),
    Column(
        "official_date",
        "Ngày vào Đảng chính thức",
        ("Ngày chính thức", "Ngày công nhận chính thức"),
        kind="date",
    ),
    Column("status", "Trạng thái", ("Tình trạng",), kind="status"),
    Column(
        "left_on",
        "Ngày rời khỏi / Ngày mất / Ngày miễn sinh hoạt",
        ("Ngày rời khỏi", "Ngày mất", "Ngày miễn sinh hoạt", "Ngày từ trần"),
        kind="date",
    ),
    Column("education", "Giáo dục phổ thông", ("Trình độ phổ thông", "Học vấn")),
    Column("qualification", "Chuyên môn", ("Trình độ chuyên môn", "Chuyên môn nghiệp vụ")),
    Column(
        "theory_level", "Lý luận chính trị", ("Trình độ lý luận chính trị", "LLCT"), kind="theory"
    ),
    Column("occupation", "Nghề nghiệp", ()),
    Column("position", "Chức vụ", ()),
    Column("phone", "Điện thoại", ("Số điện thoại",)),
]
REQUIRED = ("full_name", "gender", "birth_date", "unit", "admission_date")
BY_FIELD = {c.field: c for c in COLUMNS}
_BY_KEY = {}
for _column in COLUMNS:
    for _text in (_column.header, *_column.variants):
        _BY_KEY[search_key(_text)] = _column


def column_for(header) -> Column | None:
    if header is None:
        return None
    return _BY_KEY.get(search_key(str(header)))
