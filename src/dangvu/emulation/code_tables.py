"""The default code tables of the emulation module (data, editable in the admin afterwards)."""

DEFAULT_FIELDS = [
    ("xay_dung_dang", "Xây dựng Đảng, hệ thống chính trị", 10),
    ("kinh_te", "Phát triển kinh tế", 20),
    ("nong_thon_moi", "Xây dựng nông thôn mới, đô thị văn minh", 30),
    ("van_hoa_xa_hoi", "Văn hóa – xã hội", 40),
    ("giao_duc", "Giáo dục, đào tạo", 50),
    ("y_te", "Y tế, chăm sóc sức khỏe", 60),
    ("moi_truong", "Bảo vệ môi trường", 70),
    ("quoc_phong_an_ninh", "Quốc phòng, an ninh, trật tự", 80),
    ("cai_cach_hanh_chinh", "Cải cách hành chính, chuyển đổi số", 90),
    ("an_sinh", "An sinh xã hội, giảm nghèo", 100),
]

DEFAULT_RECOGNITION_KINDS = [
    ("bi_thu_chi_bo_tieu_bieu", "Bí thư chi bộ tiêu biểu", 10),
    ("dang_vien_tieu_bieu", "Đảng viên tiêu biểu học tập và làm theo Bác", 20),
    ("guong_dien_hinh", "Gương điển hình tiên tiến", 30),
    ("dang_vien_tre_tieu_bieu", "Đảng viên trẻ tiêu biểu", 40),
]


def load_defaults(field_model, recognition_kind_model) -> None:
    for code, name, order in DEFAULT_FIELDS:
        field_model.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
    for code, name, order in DEFAULT_RECOGNITION_KINDS:
        recognition_kind_model.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": order}
        )
