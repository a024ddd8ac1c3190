"""The default violation categories (a code table the administrators edit in the admin)."""

DEFAULT_VIOLATIONS = [
    ("chinh_tri_tu_tuong", "Vi phạm về chính trị, tư tưởng"),
    ("nguyen_tac_to_chuc", "Vi phạm nguyên tắc tập trung dân chủ, quy chế làm việc"),
    ("dao_duc_loi_song", "Suy thoái đạo đức, lối sống"),
    ("tham_nhung_lang_phi", "Tham nhũng, lãng phí, tiêu cực"),
    ("dat_dai_tai_chinh", "Vi phạm trong quản lý đất đai, tài chính, tài sản công"),
    ("thuc_hien_nhiem_vu", "Thiếu trách nhiệm, buông lỏng lãnh đạo, quản lý"),
    ("dang_phi_sinh_hoat", "Vi phạm quy định về sinh hoạt đảng, đóng đảng phí"),
    ("dan_so_khac", "Vi phạm chính sách dân số và các quy định khác"),
]


def load_default_violations(model) -> None:
    for order, (code, name) in enumerate(DEFAULT_VIOLATIONS, start=1):
        model.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
