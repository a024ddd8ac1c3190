"""Class pages: the scoped list and its filters, create/edit (stale refused), detail."""

from datetime import date

from dangvu.training import services
from dangvu.training.models import TrainingClass

from .conftest import new_class, programme


def names(response):
    return [c.name for c in response.context["page"]]


def test_list_is_scoped_and_pinned(world, training, client, django_assert_max_num_queries):
    for i in range(30):
        new_class(world.commune_a, "chuyen_de", date(2025, 8, 1), date(2025, 8, 2), name=f"Lớp {i}")
    client.force_login(world.users["commune_a"])
    with django_assert_max_num_queries(8):
        response = client.get("/dao-tao/")
    assert response.status_code == 200
    listed = names(response)
    assert "Lớp đảng viên mới An Bình" in listed and "Lớp đảng viên mới Phú Mỹ" not in listed
    client.force_login(world.users["commune_b"])
    assert names(client.get("/dao-tao/")) == ["Lớp đảng viên mới Phú Mỹ"]
    client.force_login(world.users["outsider"])
    assert names(client.get("/dao-tao/")) == []


def test_filters_programme_unit_period_and_name(
    world, training, client, django_assert_max_num_queries
):
    client.force_login(world.users["province"])
    nt = programme("nhan_thuc_ve_dang").pk
    assert names(client.get("/dao-tao/", {"chuong_trinh": nt})) == ["Lớp nhận thức về Đảng khóa 1"]
    assert names(client.get("/dao-tao/", {"q": "dang vien moi an binh"})) == [
        "Lớp đảng viên mới An Bình"
    ]
    period = {"tu_ngay": "01/01/2024", "den_ngay": "31/12/2024"}
    assert set(names(client.get("/dao-tao/", period))) == {
        "Lớp đảng viên mới An Bình",
        "Lớp đảng viên mới Phú Mỹ",
    }
    with django_assert_max_num_queries(12):
        by_unit = client.get("/dao-tao/", {"don_vi": world.commune_a.pk, "den_ngay": "31/12/2025"})
    assert set(names(by_unit)) == {"Lớp đảng viên mới An Bình", "Lớp nhận thức về Đảng khóa 1"}
    old_tree = client.get("/dao-tao/", {"don_vi": world.commune_a.pk, **period})
    # commune A did not exist in 2024: it stands for the units that formed it (X1 An Bình)
    assert set(names(old_tree)) == {"Lớp đảng viên mới An Bình"}
    bad = client.get("/dao-tao/", {"tu_ngay": "31/12/2025", "den_ngay": "01/01/2025"})
    assert "phải sau" in bad.content.decode()
    htmx = client.get("/dao-tao/", {"q": "phu my"}, headers={"HX-Request": "true"})
    assert '<nav class="navbar' not in htmx.content.decode()


def test_create_through_the_form(world, client):
    client.force_login(world.users["commune_a"])
    form = client.get("/dao-tao/lop/moi/")
    offered = dict(form.context["form"].fields["unit"].choices)
    assert world.commune_a.pk in offered and world.commune_b.pk not in offered
    data = {
        "programme": programme("so_cap_llct").pk,
        "unit": world.commune_a.pk,
        "name": "Lớp sơ cấp khóa 5",
        "start_date": "01/09/2025",
        "end_date": "30/08/2025",
        "form": "tap_trung",
    }
    refused = client.post("/dao-tao/lop/moi/", data)
    assert refused.status_code == 200 and "trước ngày khai giảng" in refused.content.decode()
    assert not TrainingClass.objects.exists()
    done = client.post("/dao-tao/lop/moi/", {**data, "end_date": "30/11/2025"})
    c = TrainingClass.objects.get()
    assert done.status_code == 302 and done.url == f"/dao-tao/lop/{c.pk}/"
    # a unit outside one's write scope is refused even if posted
    other = client.post(
        "/dao-tao/lop/moi/", {**data, "end_date": "30/11/2025", "unit": world.commune_b.pk}
    )
    assert other.status_code == 200 and TrainingClass.objects.count() == 1


def test_member_persona_cannot_create(world, client):
    client.force_login(world.users["member"])
    assert client.get("/dao-tao/lop/moi/").status_code == 404
    assert client.post("/dao-tao/lop/moi/", {}).status_code == 404


def test_stale_edit_through_the_form_is_refused(world, training, client):
    c = training.new_a
    client.force_login(world.users["commune_a"])
    page = client.get(f"/dao-tao/lop/{c.pk}/sua/")
    revision = page.context["form"].initial["revision"]
    services.update_class(actor=None, training_class=c, expected_revision=None, place="Hội trường")
    data = {
        "programme": c.programme_id,
        "unit": c.unit_id,
        "name": c.name,
        "start_date": "08/09/2025",
        "end_date": "12/09/2025",
        "form": "tap_trung",
        "place": "Nhà văn hóa",
        "revision": revision,
    }
    response = client.post(f"/dao-tao/lop/{c.pk}/sua/", data)
    assert "vừa được người khác cập nhật" in response.content.decode()
    c.refresh_from_db()
    assert c.place == "Hội trường"
    client.force_login(world.users["commune_b"])
    assert client.post(f"/dao-tao/lop/{c.pk}/sua/", data).status_code == 404


def test_detail_lists_trainees_and_hides_write_buttons_from_readers(
    world, training, client, django_assert_max_num_queries
):
    client.force_login(world.users["commune_a"])
    with django_assert_max_num_queries(8):
        page = client.get(f"/dao-tao/lop/{training.old_a.pk}/").content.decode()
    assert "Lê Văn An" in page and "Trần Văn Bình" in page and "Ghi kết quả" in page
    from dangvu.accounts.models import Role, RoleAssignment, User

    reader = User.objects.create_user(username="reader")
    RoleAssignment.objects.create(
        user=reader,
        role=Role.objects.get(code="thuong_truc"),
        unit=world.commune_a,
        valid_from=date(2025, 7, 1),
    )
    client.force_login(reader)
    page = client.get(f"/dao-tao/lop/{training.old_a.pk}/").content.decode()
    assert "Lê Văn An" in page and "Ghi kết quả" not in page
    assert client.get(f"/dao-tao/lop/{training.old_a.pk}/ket-qua/").status_code == 404
