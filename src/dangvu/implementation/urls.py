from django.urls import path

from . import views

app_name = "implementation"

urlpatterns = [
    path("", views.item_list, name="list"),
    path("qua-han/", views.overdue, name="overdue"),
    path("to-chuc/<int:unit_id>/", views.unit_overview, name="unit"),
    path("van-ban/<int:document_id>/", views.document, name="document"),
    path("van-ban/<int:document_id>/them/", views.item_new, name="item_new"),
    path("van-ban/<int:document_id>/tong-hop/", views.rollup, name="rollup"),
    path("van-ban/<int:document_id>/tong-hop/xuat/", views.rollup_export, name="rollup_export"),
    path("<int:item_id>/", views.item_detail, name="item"),
    path("<int:item_id>/sua/", views.item_edit, name="item_edit"),
    path("<int:item_id>/giao/", views.assign, name="assign"),
    path("phan-cong/<int:assignment_id>/", views.assignment_detail, name="assignment"),
    path("phan-cong/<int:assignment_id>/bao-cao/", views.report_new, name="report_new"),
    path("bao-cao/<int:report_id>/sua/", views.report_edit, name="report_edit"),
    path("bao-cao/<int:report_id>/minh-chung/", views.evidence, name="evidence"),
    path("chuong-trinh/", views.programme_list, name="programmes"),
    path("chuong-trinh/moi/", views.programme_new, name="programme_new"),
    path("chuong-trinh/<int:programme_id>/", views.programme_detail, name="programme"),
    path("chuong-trinh/<int:programme_id>/sua/", views.programme_edit, name="programme_edit"),
    path(
        "chuong-trinh/<int:programme_id>/them/",
        views.programme_item_new,
        name="programme_item_new",
    ),
    path("noi-dung/<int:entry_id>/sua/", views.programme_item_edit, name="programme_item_edit"),
]
