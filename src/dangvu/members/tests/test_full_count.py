"""A list past its count cap says "Hơn …" with a link that counts every row: a dashboard's
figure (19.057 đảng viên) can be checked against the list it links to."""

import pytest

from dangvu.web import pagination

pytestmark = pytest.mark.django_db


def test_a_capped_list_counts_in_full_on_request(world, people, login, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 2)  # the province sees 3 members
    client = login(world.users["province"])
    page = client.get("/dang-vien/").content.decode()
    assert "Hơn 2 <a" in page and "dem_du=1" in page and "3 đảng viên" not in page
    page = client.get("/dang-vien/?dem_du=1").content.decode()
    assert "3 đảng viên" in page and "Hơn 2" not in page
    # under the cap the number is exact and there is no link
    page = login(world.users["commune_b"]).get("/dang-vien/").content.decode()
    assert "1 đảng viên" in page and "dem_du" not in page
