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
    path("bao-cao/", include("dangvu.reports.urls")),
    path("nhap-du-lieu/", include("dangvu.imports.urls")),
    path("nhat-ky/", include("dangvu.audit.urls")),
    path("viec/", include("dangvu.jobs.urls")),
    path("nguoi-dung/", include("dangvu.accounts.urls")),
    path("quan-tri/", admin.site.urls),
    path("api/", api.urls),
]
