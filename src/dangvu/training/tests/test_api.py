"""/api/training/: classes, one class with its trainees, figures — scoped like the pages."""


def test_class_list_and_detail(world, training, client, django_assert_max_num_queries):
    client.force_login(world.users["commune_a"])
    with django_assert_max_num_queries(6):
        data = client.get("/api/training/classes").json()
    names = {c["name"] for c in data["items"]}
    assert names == {"Lớp đảng viên mới An Bình", "Lớp nhận thức về Đảng khóa 1"}
    filtered = client.get("/api/training/classes", {"programme": "nhan_thuc_ve_dang"}).json()
    assert [c["trainees"] for c in filtered["items"]] == [1]
    detail = client.get(f"/api/training/classes/{training.old_a.pk}").json()
    assert detail["programme_code"] == "dang_vien_moi"
    assert [e["full_name"] for e in detail["enrolments"]] == ["Lê Văn An", "Trần Văn Bình"]
    assert client.get(f"/api/training/classes/{training.old_b.pk}").status_code == 404
    assert client.get("/api/training/classes", {"unit": world.commune_b.pk}).status_code == 404


def test_figures(world, training, client, django_assert_max_num_queries):
    client.force_login(world.users["province"])
    with django_assert_max_num_queries(10):
        data = client.get(
            "/api/training/figures",
            {"unit": world.commune_a.pk, "date_from": "2024-01-01", "date_to": "2025-12-31"},
        ).json()
    assert (data["classes"], data["trainees"], data["via_successor"]) == (2, 3, True)
    assert {r["label"]: r["classes"] for r in data["programmes"]} == {
        "Bồi dưỡng nhận thức về Đảng": 1,
        "Bồi dưỡng lý luận chính trị dành cho đảng viên mới": 1,
    }
    gone = client.get("/api/training/figures", {"unit": world.x1.pk, "date_to": "2025-12-31"})
    assert gone.status_code == 422 and "không có trên cây tổ chức" in gone.json()["detail"]
    client.force_login(world.users["commune_b"])
    assert client.get("/api/training/figures", {"unit": world.commune_a.pk}).status_code == 404
