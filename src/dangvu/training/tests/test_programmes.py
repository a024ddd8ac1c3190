"""Programmes: a code table loaded by the data migration, edited in the admin (audited)."""

from dangvu.accounts.models import User
from dangvu.audit.models import AuditEntry
from dangvu.training.models import Audience, Programme


def test_default_programmes(db):
    codes = dict(Programme.objects.values_list("code", "validity_months"))
    assert codes["nhan_thuc_ve_dang"] == 60  # 5 years
    assert {
        "dang_vien_moi",
        "so_cap_llct",
        "trung_cap_llct",
        "cao_cap_llct",
        "cap_nhat_kien_thuc",
        "tap_huan_cong_tac_dang",
        "chuyen_de",
    } <= set(codes)
    assert Programme.objects.get(code="nhan_thuc_ve_dang").audience == Audience.CANDIDATES
    assert codes["trung_cap_llct"] is None


def test_admin_edit_is_audited_and_deletion_refused(db, client):
    admin = User.objects.create_superuser(username="quantri", password="x")
    client.force_login(admin)
    p = Programme.objects.get(code="cap_nhat_kien_thuc")
    url = f"/quan-tri/training/programme/{p.pk}/change/"
    response = client.post(
        url,
        {
            "code": p.code,
            "name": p.name,
            "audience": p.audience,
            "validity_months": "36",
            "sort_order": p.sort_order,
            "active": "on",
        },
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.validity_months == 36
    entry = AuditEntry.objects.get(action="training.programme.update")
    assert entry.before["validity_months"] is None and entry.after["validity_months"] == 36
    assert client.get(f"/quan-tri/training/programme/{p.pk}/delete/").status_code == 403
