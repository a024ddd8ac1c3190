from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("dang-vien/", views.upload, name="upload"),
    path("dang-vien/<int:import_id>/", views.detail, name="detail"),
    path("dang-vien/<int:import_id>/loi.xlsx", views.error_report, name="errors"),
    path("dang-vien/<int:import_id>/ghi/", views.commit, name="commit"),
    path("dang-vien/<int:import_id>/tien-do/", views.progress, name="progress"),
]
