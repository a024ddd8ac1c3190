from django.urls import path

from . import views

app_name = "study"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("moi/", views.session_create, name="create"),
    path("so-lieu/", views.figures, name="figures"),
    path("xuat/", views.export, name="export"),
    path("dang-vien/<int:member_id>/", views.member_sessions, name="member_sessions"),
    path("<int:session_id>/", views.session_detail, name="detail"),
    path("<int:session_id>/sua/", views.session_edit, name="edit"),
    path("<int:session_id>/diem-danh/<int:group_id>/", views.attendance, name="attendance"),
]
