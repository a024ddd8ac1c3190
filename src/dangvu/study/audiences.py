"""The default audience kinds (data, editable in the admin afterwards)."""

DEFAULT_AUDIENCES = [
    ("can_bo_chu_chot", "cán bộ chủ chốt", 10),
    ("cap_uy_vien", "cấp ủy viên", 20),
    ("bao_cao_vien", "báo cáo viên", 30),
    ("dang_vien", "đảng viên", 40),
    ("can_bo_dang_vien_quan_chung", "cán bộ, đảng viên và quần chúng", 50),
    ("doan_vien_hoi_vien", "đoàn viên, hội viên", 60),
]


def load_default_audiences(kind_model) -> None:
    for code, name, order in DEFAULT_AUDIENCES:
        kind_model.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
