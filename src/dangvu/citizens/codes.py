"""The default code tables (data, editable in the admin afterwards)."""

DEFAULT_CHANNELS = [
    ("giao_ban_tu_tuong", "Hội nghị giao ban công tác tư tưởng", 10),
    ("lang_nghe_dan_noi", "Diễn đàn “Lắng nghe dân nói”", 20),
    ("tiep_cong_dan", "Tiếp công dân, đối thoại", 30),
    ("di_tung_ngo", "“Đi từng ngõ, rõ từng nhà”", 40),
    ("truc_tiep", "Phản ánh trực tiếp", 50),
]

DEFAULT_SECTORS = [
    ("dat_dai", "Đất đai", 10),
    ("giai_phong_mat_bang", "Giải phóng mặt bằng", 20),
    ("giay_chung_nhan", "Giấy chứng nhận quyền sử dụng đất", 30),
    ("giao_thong", "Giao thông", 40),
    ("moi_truong", "Môi trường", 50),
    ("an_sinh_xa_hoi", "An sinh xã hội", 60),
    ("sau_thanh_tra", "Xử lý vụ việc sau thanh tra, kiểm tra", 70),
    ("khac", "Lĩnh vực khác", 90),
]


def load_default_codes(channel_model, sector_model) -> None:
    for model, rows in ((channel_model, DEFAULT_CHANNELS), (sector_model, DEFAULT_SECTORS)):
        for code, name, order in rows:
            model.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
