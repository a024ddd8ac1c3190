from django.contrib import admin
from django.urls import include, path

from dangvu.api import api

urlpatterns = [
    path("", include("dangvu.web.urls")),
    path("to-chuc/", include("dangvu.orgs.urls")),
    path("dang-vien/", include("dangvu.members.urls")),
    path("van-ban/", include("dangvu.documents.urls")),
    path("thuc-hien/", include("dangvu.implementation.urls")),
    path("hoc-tap/", include("dangvu.study.urls")),
    path("dao-tao/", include("dangvu.training.urls")),
    path("sinh-hoat/", include("dangvu.meetings.urls")),
    path("kiem-tra/", include("dangvu.oversight.urls")),
    path("dan-van/", include("dangvu.citizens.urls")),
    path("danh-gia/", include("dangvu.ratings.urls")),
    path("thi-dua/", include("dangvu.emulation.urls")),
    path("kiem-tra-so-lieu/", include("dangvu.checker.urls")),
    path("bao-cao/", include("dangvu.reports.urls")),
    path("nhap-du-lieu/", include("dangvu.imports.urls")),
    path("nhat-ky/", include("dangvu.audit.urls")),
    path("viec/", include("dangvu.jobs.urls")),
    path("nguoi-dung/", include("dangvu.accounts.urls")),
    path("quan-tri/", admin.site.urls),
    path("api/", api.urls),
]
