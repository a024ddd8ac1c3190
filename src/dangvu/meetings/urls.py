from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("moi/", views.create, name="create"),
    path("xuat/", views.export, name="export"),
    path("chat-luong/", views.quality, name="quality"),
    path("so-lieu/", views.figures, name="figures"),
    path("phan-cong/", views.assignments, name="assignments"),
    path("<int:meeting_id>/", views.detail, name="detail"),
    path("<int:meeting_id>/sua/", views.edit, name="edit"),
    path("<int:meeting_id>/diem-danh/", views.attendance, name="attendance"),
    path("<int:meeting_id>/mau-diem-danh/", views.template, name="template"),
    path("<int:meeting_id>/nhap-diem-danh/", views.upload, name="upload"),
]
