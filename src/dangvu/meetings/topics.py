"""The default content tags of cell meetings (loaded by a data migration; editable data)."""

HO_CHI_MINH = "hoc_tap_lam_theo_bac"

DEFAULT_TOPICS = [
    # code, name, sort order, is the Hồ Chí Minh topic
    (HO_CHI_MINH, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", 10, True),
    ("quan_triet_nghi_quyet", "Quán triệt, triển khai nghị quyết, chỉ thị của cấp trên", 20, False),
    ("kinh_te_xa_hoi", "Lãnh đạo phát triển kinh tế – xã hội", 30, False),
    ("quoc_phong_an_ninh", "Quốc phòng, an ninh, trật tự an toàn xã hội", 40, False),
    ("xay_dung_dang", "Công tác xây dựng Đảng, phát triển đảng viên", 50, False),
    ("kiem_tra_giam_sat", "Công tác kiểm tra, giám sát", 60, False),
    ("dan_van", "Công tác dân vận, nắm tình hình tư tưởng", 70, False),
    ("tu_phe_binh", "Tự phê bình và phê bình", 80, False),
    ("van_hoa_xa_hoi", "Văn hóa, giáo dục, y tế, an sinh xã hội", 90, False),
    ("chuyen_doi_so", "Chuyển đổi số", 100, False),
]


def load_default_topics(topic_model) -> None:
    for code, name, order, hcm in DEFAULT_TOPICS:
        topic_model.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": order, "is_ho_chi_minh": hcm}
        )
