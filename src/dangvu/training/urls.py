from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.class_list, name="list"),
    path("lop/moi/", views.class_create, name="create"),
    path("xuat/", views.export_classes, name="export"),
    path("lop/<int:class_id>/", views.class_detail, name="detail"),
    path("lop/<int:class_id>/sua/", views.class_edit, name="edit"),
    path("lop/<int:class_id>/ghi-danh/", views.enrol, name="enrol"),
    path("lop/<int:class_id>/ket-qua/", views.results, name="results"),
    path("lop/<int:class_id>/xuat/", views.export_trainees, name="export_trainees"),
    path("lop/<int:class_id>/hoc-vien/<int:enrolment_id>/xoa/", views.unenrol, name="unenrol"),
    path("quan-chung/", views.candidate_list, name="candidates"),
    path("quan-chung/moi/", views.candidate_create, name="candidate_create"),
    path("quan-chung/<int:candidate_id>/", views.candidate_edit, name="candidate_edit"),
    path(
        "quan-chung/<int:candidate_id>/ket-nap/",
        views.candidate_admitted,
        name="candidate_admitted",
    ),
    path("so-lieu/", views.figures, name="figures"),
    path("viec-can-lam/", views.worklist, name="worklist"),
    path("dang-vien/<int:member_id>/", views.member_training, name="member_training"),
]
