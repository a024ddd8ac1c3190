from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.member_list, name="list"),
    path("moi/", views.register, name="register"),
    path("xuat/", views.export, name="export"),
    path("viec-can-lam/", views.work_lists, name="worklists"),
    path("thong-ke/", views.counts, name="counts"),
    path("to-chuc/<int:unit_id>/", views.unit_summary, name="unit_summary"),
    path("<int:member_id>/", views.member_detail, name="detail"),
    path("<int:member_id>/su-kien/", views.record_event, name="event"),
    path("<int:member_id>/dinh-chinh/", views.correct, name="correct"),
    path("<int:member_id>/the/", views.add_card, name="card"),
    path("<int:member_id>/nguoi-xem/", views.viewers, name="viewers"),
]
