"""One form enrols many people; one form records the whole class's results."""

from datetime import date

from dangvu.training.models import Candidate, Enrolment

from .conftest import new_class


def test_enrol_members_of_a_unit_in_one_submission(
    world, training, client, django_assert_max_num_queries
):
    c = new_class(world.commune_a, "chuyen_de", date(2025, 9, 1), date(2025, 9, 2))
    client.force_login(world.users["commune_a"])
    with django_assert_max_num_queries(14):
        page = client.get(f"/dao-tao/lop/{c.pk}/ghi-danh/")
    offered = {label.split(" (")[0] for _, label in page.context["form"].fields["members"].choices}
    assert offered == {"Lê Văn An", "Trần Văn Bình", "Phạm Văn Đông"}  # not Cường (commune B)
    only_c1 = client.get(f"/dao-tao/lop/{c.pk}/ghi-danh/", {"don_vi": world.c1.pk})
    assert [lbl.split(" (")[0] for _, lbl in only_c1.context["form"].fields["members"].choices] == [
        "Lê Văn An"
    ]
    response = client.post(
        f"/dao-tao/lop/{c.pk}/ghi-danh/",
        {
            "members": [training.an.pk, training.dong.pk],
            "candidates": [training.mai.pk],
            "revision": 1,
        },
    )
    assert response.status_code == 302
    assert set(Enrolment.objects.filter(training_class=c).values_list("member_id", flat=True)) == {
        training.an.pk,
        training.dong.pk,
        None,
    }
    again = client.get(f"/dao-tao/lop/{c.pk}/ghi-danh/")
    offered = {label.split(" (")[0] for _, label in again.context["form"].fields["members"].choices}
    assert offered == {"Trần Văn Bình"}  # already enrolled ones are not offered again


def test_pasted_candidates_with_errors_write_nothing(world, training, client):
    c = training.new_a
    client.force_login(world.users["commune_a"])
    url = f"/dao-tao/lop/{c.pk}/ghi-danh/"
    pasted = "Hà Thị Lan\t03/02/2001\tNữ\t001301012345\nVũ Văn Hải; 31/02/2001; Nam"
    response = client.post(
        url, {"pasted": pasted, "candidate_unit": world.c2.pk, "revision": c.revision}
    )
    assert response.status_code == 200
    assert "Dòng 2: ngày sinh “31/02/2001” không đọc được" in response.content.decode()
    assert not Candidate.objects.filter(ten="Lan").exists()
    no_unit = client.post(url, {"pasted": "Hà Thị Lan; 03/02/2001; Nữ", "revision": c.revision})
    assert "Hãy chọn chi bộ" in no_unit.content.decode()
    done = client.post(
        url,
        {"pasted": pasted.split("\n")[0], "candidate_unit": world.c2.pk, "revision": c.revision},
    )
    assert done.status_code == 302
    lan = Candidate.objects.get(ten="Lan")
    assert lan.unit_id == world.c2.pk and lan.enrolments.get().training_class_id == c.pk


def test_a_candidate_cell_outside_ones_scope_is_not_offered(world, training, client):
    client.force_login(world.users["commune_a"])
    response = client.post(
        f"/dao-tao/lop/{training.new_a.pk}/ghi-danh/",
        {
            "pasted": "Hà Thị Lan; 03/02/2001; Nữ",
            "candidate_unit": world.c4.pk,
            "revision": training.new_a.revision,
        },
    )
    assert response.status_code == 200 and not Candidate.objects.filter(ten="Lan").exists()


def test_results_of_the_whole_class_in_one_submission(
    world, training, client, django_assert_max_num_queries
):
    c = training.old_a
    rows = {e.member.full_name: e for e in c.enrolments.select_related("member")}
    an, binh = rows["Lê Văn An"].pk, rows["Trần Văn Bình"].pk
    client.force_login(world.users["commune_a"])
    with django_assert_max_num_queries(8):
        assert client.get(f"/dao-tao/lop/{c.pk}/ket-qua/").status_code == 200
    data = {
        "revision": c.revision,
        f"r{an}_result": "hoan_thanh",
        f"r{an}_grade": "xuat_sac",
        f"r{an}_number": "DVM-15",
        f"r{an}_date": "15/03/2024",
        f"r{binh}_result": "khong_hoan_thanh",
        f"r{binh}_grade": "kha",
    }
    refused = client.post(f"/dao-tao/lop/{c.pk}/ket-qua/", data)
    assert "Trần Văn Bình: chỉ học viên hoàn thành" in refused.content.decode()
    assert not Enrolment.objects.filter(training_class=c).exclude(result="").exists()
    data[f"r{binh}_grade"] = ""
    with django_assert_max_num_queries(16):
        done = client.post(f"/dao-tao/lop/{c.pk}/ket-qua/", data)
    assert done.status_code == 302
    assert Enrolment.objects.get(pk=an).grade == "xuat_sac"
    assert Enrolment.objects.get(pk=binh).result == "khong_hoan_thanh"
    stale = client.post(f"/dao-tao/lop/{c.pk}/ket-qua/", {**data, f"r{an}_grade": "gioi"})
    assert "vừa được người khác cập nhật" in stale.content.decode()
    assert Enrolment.objects.get(pk=an).grade == "xuat_sac"


def test_unenrol_button(world, training, client):
    c = training.old_a
    e = c.enrolments.get(member=training.an)
    client.force_login(world.users["commune_b"])
    assert (
        client.post(f"/dao-tao/lop/{c.pk}/hoc-vien/{e.pk}/xoa/", {"reason": "x"}).status_code == 404
    )
    client.force_login(world.users["commune_a"])
    client.post(
        f"/dao-tao/lop/{c.pk}/hoc-vien/{e.pk}/xoa/", {"reason": "Nhầm", "revision": c.revision}
    )
    assert not Enrolment.objects.filter(pk=e.pk).exists()
