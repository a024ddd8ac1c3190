from django.urls import path

from . import views

app_name = "citizens"

urlpatterns = [
    path("", views.feedback_list, name="list"),
    path("moi/", views.feedback_create, name="create"),
    path("qua-han/", views.overdue, name="overdue"),
    path("so-lieu/", views.figures, name="figures"),
    path("xuat/", views.export, name="export"),
    path("<int:feedback_id>/", views.feedback_detail, name="detail"),
    path("<int:feedback_id>/sua/", views.feedback_edit, name="edit"),
    path(
        "<int:feedback_id>/chuyen-xu-ly/", views.feedback_action, {"action": "route"}, name="route"
    ),
    path("<int:feedback_id>/tra-loi/", views.feedback_action, {"action": "answer"}, name="answer"),
    path(
        "<int:feedback_id>/chuyen-co-quan/",
        views.feedback_action,
        {"action": "refer"},
        name="refer",
    ),
    path("<int:feedback_id>/ket-thuc/", views.feedback_action, {"action": "close"}, name="close"),
    path("viec-noi-com/", views.issue_list, name="issues"),
    path("viec-noi-com/moi/", views.issue_create, name="issue_create"),
    path("viec-noi-com/<int:issue_id>/", views.issue_detail, name="issue_detail"),
    path("viec-noi-com/<int:issue_id>/sua/", views.issue_edit, name="issue_edit"),
    path("viec-noi-com/<int:issue_id>/ket-qua/", views.issue_result, name="issue_result"),
]
