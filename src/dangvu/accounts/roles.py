"""Default roles (data): what each office's staff may do over the subtree of their unit."""

from . import permissions as p

DEFAULT_ROLES = [
    (
        "to_chuc",
        "Ban Tổ chức / Văn phòng cấp ủy",
        [
            p.WRITE,
            p.MANAGE_UNITS,
            p.MANAGE_MEMBERS,
            p.SEE_SENSITIVE,
            p.MANAGE_USERS,
            p.VIEW_REPORTS,
            p.VIEW_AUDIT,
        ],
    ),
    ("tuyen_giao", "Ban Tuyên giáo", [p.WRITE, p.VIEW_REPORTS]),
    ("kiem_tra", "Ủy ban Kiểm tra", [p.WRITE, p.MANAGE_DISCIPLINE, p.VIEW_REPORTS]),
    ("dan_van", "Ban Dân vận", [p.WRITE, p.VIEW_REPORTS]),
    ("thuong_truc", "Thường trực cấp ủy", [p.READ, p.VIEW_REPORTS, p.SEE_SENSITIVE]),
    ("bi_thu_chi_bo", "Bí thư chi bộ", [p.WRITE, p.VIEW_REPORTS]),
    ("dang_vien", "Đảng viên", [p.VIEW_UNITS]),
]


def load_default_roles(role_model) -> None:
    for code, name, perms in DEFAULT_ROLES:
        role_model.objects.get_or_create(code=code, defaults={"name": name, "permissions": perms})
