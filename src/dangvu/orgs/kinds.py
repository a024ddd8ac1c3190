"""The default unit kinds and parent/child matrix (loaded by a data migration).

They are data: each province may edit them in the admin pages.
"""

DEFAULT_KINDS = [
    # code, name, sort order, grassroots (TCCS), cell, historical
    ("tinh", "Đảng bộ tỉnh, thành phố", 10, False, False, False),
    ("huyen", "Đảng bộ huyện, thị xã, thành phố thuộc tỉnh", 20, False, False, True),
    ("khoi", "Đảng bộ khối, cơ quan trực thuộc Tỉnh ủy", 25, False, False, False),
    ("luc_luong", "Đảng bộ Quân sự, Công an, Biên phòng", 26, False, False, False),
    ("xa", "Đảng bộ xã, phường, đặc khu", 30, False, False, False),
    ("dang_bo_co_so", "Đảng bộ cơ sở", 40, True, False, False),
    ("chi_bo_co_so", "Chi bộ cơ sở", 41, True, True, False),
    ("dang_bo_bo_phan", "Đảng bộ bộ phận", 50, False, False, False),
    ("chi_bo", "Chi bộ trực thuộc", 60, False, True, False),
    ("to_dang", "Tổ đảng", 70, False, False, False),
]

DEFAULT_RULES = [
    (None, "tinh"),
    ("tinh", "huyen"),
    ("tinh", "khoi"),
    ("tinh", "luc_luong"),
    ("tinh", "xa"),
    ("tinh", "dang_bo_co_so"),
    ("tinh", "chi_bo_co_so"),
    ("huyen", "dang_bo_co_so"),
    ("huyen", "chi_bo_co_so"),
    ("khoi", "dang_bo_co_so"),
    ("khoi", "chi_bo_co_so"),
    ("luc_luong", "dang_bo_co_so"),
    ("luc_luong", "chi_bo_co_so"),
    ("xa", "dang_bo_co_so"),
    ("xa", "chi_bo_co_so"),
    ("xa", "chi_bo"),
    ("dang_bo_co_so", "dang_bo_bo_phan"),
    ("dang_bo_co_so", "chi_bo"),
    ("dang_bo_bo_phan", "chi_bo"),
    ("chi_bo_co_so", "to_dang"),
    ("chi_bo", "to_dang"),
]


def load_default_kinds(unit_kind_model, kind_rule_model) -> None:
    kinds = {}
    for code, name, order, grassroots, cell, historical in DEFAULT_KINDS:
        kinds[code], _ = unit_kind_model.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "sort_order": order,
                "is_grassroots": grassroots,
                "is_cell": cell,
                "historical": historical,
            },
        )
    for parent, child in DEFAULT_RULES:
        kind_rule_model.objects.get_or_create(
            parent_kind=kinds[parent] if parent else None, child_kind=kinds[child]
        )
