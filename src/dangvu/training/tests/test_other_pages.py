"""Candidates pages, figures page, work list, the member-page fragment."""

from datetime import date, timedelta

from dangvu.training import services
from dangvu.training.models import Candidate
from dangvu.training.selectors import training_for_member

from .conftest import candidate, new_class


def test_candidate_list_and_create(world, training, client, django_assert_max_num_queries):
    for i in range(20):
        candidate(world.c1, f"Đào Thị Mai {i}")
    client.force_login(world.users["commune_a"])
    with django_assert_max_num_queries(8):
        page = client.get("/dao-tao/quan-chung/")
    assert "Đào Thị Mai" in page.content.decode()
    assert client.get("/dao-tao/quan-chung/", {"q": "mai 17"}).context["page"].paginator.count == 1
    response = client.post(
        "/dao-tao/quan-chung/moi/",
        {
            "full_name": "Hà  Thị Lan",
            "birth_date": "03/02/2001",
            "gender": "nu",
            "cccd": "001 301 012345",
            "unit": world.c2.pk,
        },
    )
    assert response.status_code == 302
    assert Candidate.objects.get(ten="Lan").full_name == "Hà Thị Lan"
    client.force_login(world.users["commune_b"])
    assert client.get("/dao-tao/quan-chung/").context["page"].paginator.count == 0
    assert client.get(f"/dao-tao/quan-chung/{training.mai.pk}/").status_code == 404


def test_candidate_edit_shows_history(world, training, client):
    client.force_login(world.users["commune_a"])
    page = client.get(f"/dao-tao/quan-chung/{training.mai.pk}/").content.decode()
    assert "Lớp nhận thức về Đảng khóa 1" in page


def test_figures_page_sentence_and_links(world, training, client, django_assert_max_num_queries):
    p = new_class(
        world.province,
        "cap_nhat_kien_thuc",
        date(2025, 3, 1),
        date(2025, 3, 5),
        name="Lớp cập nhật kiến thức",
    )
    services.enrol(actor=None, training_class=p, members=[training.an, training.cuong])
    client.force_login(world.users["province"])
    with django_assert_max_num_queries(12):
        response = client.get(
            "/dao-tao/so-lieu/",
            {"don_vi": world.province.pk, "tu_ngay": "01/01/2024", "den_ngay": "31/12/2025"},
        )
    page = response.content.decode()
    assert "đã mở <a" in page and ">04 lớp</a>" in page and ">6 học viên</a>" in page
    assert "tổ chức kế thừa" in page  # 2024 classes of merged communes
    assert f"don_vi={world.province.pk}&amp;chuong_trinh=" in page
    assert "truc_tiep=1" in page
    # the link behind a programme figure lists exactly its classes
    listed = client.get(
        "/dao-tao/",
        {
            "don_vi": world.province.pk,
            "tu_ngay": "01/01/2024",
            "den_ngay": "31/12/2025",
            "chuong_trinh": p.programme_id,
        },
    )
    assert [c.name for c in listed.context["page"]] == ["Lớp cập nhật kiến thức"]
    client.force_login(world.users["commune_a"])
    assert client.get("/dao-tao/so-lieu/", {"don_vi": world.commune_b.pk}).status_code == 404
    gone = client.get("/dao-tao/so-lieu/", {"don_vi": world.x1.pk, "den_ngay": "31/12/2025"})
    assert "không có trên cây tổ chức" in gone.content.decode()


def _complete(training_class, **extra):
    services.record_results(
        actor=None,
        training_class=training_class,
        expected_revision=None,
        results=[
            {"enrolment": e.pk, "result": "hoan_thanh", **extra}
            for e in training_class.enrolments.all()
        ],
    )


def test_worklist_lists_expiring_candidates_not_admitted(
    world, training, client, django_assert_max_num_queries
):
    today = date.today()
    old = new_class(
        world.x1, "nhan_thuc_ve_dang", date(2021, 1, 4), date(2021, 1, 8), name="Lớp 2021"
    )
    services.enrol(actor=None, training_class=old, candidates=[training.mai])
    soon = candidate(world.c1, "Ngô Thị Sớm")
    issued = today - timedelta(days=5 * 365 - 30)  # ~30 days left
    recent = new_class(world.x1, "nhan_thuc_ve_dang", issued - timedelta(days=4), issued)
    services.enrol(actor=None, training_class=recent, candidates=[soon])
    _complete(old, certificate_date=date(2021, 1, 8))  # Mai's expired 08/01/2026
    _complete(recent, certificate_date=issued)
    client.force_login(world.users["commune_a"])
    with django_assert_max_num_queries(7):
        page = client.get("/dao-tao/viec-can-lam/")
    names = [e.person.full_name for e in page.context["rows"]]
    assert names == ["Đào Thị Mai", "Ngô Thị Sớm"]
    assert "đã hết hạn" in page.content.decode()
    assert [
        e.person.full_name
        for e in client.get("/dao-tao/viec-can-lam/", {"so_ngay": 10}).context["rows"]
    ] == ["Đào Thị Mai"]
    # a renewed certificate replaces the old one; an admitted candidate leaves the list
    _complete(training.new_a, certificate_date=date(2025, 9, 12))
    assert [e.person.full_name for e in client.get("/dao-tao/viec-can-lam/").context["rows"]] == [
        "Ngô Thị Sớm"
    ]
    client.force_login(world.users["commune_b"])  # Sớm is cultivated in A: not B's work
    assert client.get("/dao-tao/viec-can-lam/").context["rows"] == []
    client.force_login(world.users["commune_a"])
    services.mark_admitted(actor=None, candidate=soon, member=training.an)
    assert client.get("/dao-tao/viec-can-lam/").context["rows"] == []


def test_member_fragment_and_selector(world, training, client, django_assert_max_num_queries):
    an_row = training.old_a.enrolments.get(member=training.an)
    services.record_results(
        actor=None,
        training_class=training.old_a,
        expected_revision=None,
        results=[
            {
                "enrolment": an_row.pk,
                "result": "hoan_thanh",
                "certificate_number": "DVM-7",
                "certificate_date": date(2024, 3, 15),
            }
        ],
    )
    p = new_class(
        world.province,
        "cap_nhat_kien_thuc",
        date(2025, 3, 1),
        date(2025, 3, 5),
        name="Lớp cập nhật kiến thức",
    )
    services.enrol(actor=None, training_class=p, members=[training.an])
    rows = training_for_member(training.an, world.users["commune_a"])
    assert [r.training_class.name for r in rows] == [
        "Lớp cập nhật kiến thức",
        "Lớp đảng viên mới An Bình",
    ]
    assert [r.class_visible for r in rows] == [False, True]  # the province class is outside A
    client.force_login(world.users["commune_a"])
    with django_assert_max_num_queries(7):
        page = client.get(f"/dao-tao/dang-vien/{training.an.pk}/").content.decode()
    assert "DVM-7" in page and "15/03/2024" in page and "không thời hạn" in page
    assert f'href="/dao-tao/lop/{p.pk}/"' not in page
    client.force_login(world.users["commune_b"])
    assert client.get(f"/dao-tao/dang-vien/{training.an.pk}/").status_code == 404
    client.force_login(world.users["commune_a"])  # the section is on the member page itself
    profile = client.get(f"/dang-vien/{training.an.pk}/").content.decode()
    assert "Đào tạo, bồi dưỡng" in profile and "DVM-7" in profile


def test_recording_a_candidates_admission(world, training, client):
    url = f"/dao-tao/quan-chung/{training.mai.pk}/ket-nap/"
    client.force_login(world.users["commune_b"])
    assert client.post(url, {"member": training.an.pk}).status_code == 404
    client.force_login(world.users["commune_a"])
    page = client.get(f"/dao-tao/quan-chung/{training.mai.pk}/")
    assert [m.pk for m in page.context["admission_choices"]] == [training.an.pk]  # c1's members
    client.post(url, {"member": training.cuong.pk})  # outside A's scope: refused
    training.mai.refresh_from_db()
    assert training.mai.member_id is None
    client.post(url, {"member": training.an.pk})
    training.mai.refresh_from_db()
    assert training.mai.member_id == training.an.pk
    assert "Đã kết nạp" in client.get(f"/dao-tao/quan-chung/{training.mai.pk}/").content.decode()
