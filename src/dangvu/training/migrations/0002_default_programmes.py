from django.db import migrations

PROGRAMMES = [
    ("nhan_thuc_ve_dang", "Bồi dưỡng nhận thức về Đảng", "quan_chung", 60, 10),
    ("dang_vien_moi", "Bồi dưỡng lý luận chính trị dành cho đảng viên mới", "dang_vien", None, 20),
    ("so_cap_llct", "Sơ cấp lý luận chính trị", "ca_hai", None, 30),
    ("trung_cap_llct", "Trung cấp lý luận chính trị", "ca_hai", None, 40),
    ("cao_cap_llct", "Cao cấp lý luận chính trị", "dang_vien", None, 50),
    (
        "cap_nhat_kien_thuc",
        "Cập nhật kiến thức cho cán bộ diện Ban Thường vụ quản lý",
        "dang_vien",
        None,
        60,
    ),
    ("tap_huan_cong_tac_dang", "Tập huấn nghiệp vụ công tác Đảng", "dang_vien", None, 70),
    ("tap_huan_kiem_tra", "Tập huấn nghiệp vụ công tác kiểm tra, giám sát", "dang_vien", None, 80),
    ("tap_huan_dan_van", "Tập huấn nghiệp vụ công tác dân vận", "ca_hai", None, 90),
    ("chuyen_de", "Bồi dưỡng chuyên đề", "ca_hai", None, 100),
]


def load(apps, schema_editor):
    Programme = apps.get_model("training", "Programme")
    for code, name, audience, months, order in PROGRAMMES:
        Programme.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "audience": audience,
                "validity_months": months,
                "sort_order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
