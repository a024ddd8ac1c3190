from django.urls import path

from . import views

app_name = "emulation"

urlpatterns = [
    path("", views.pledge_list, name="list"),
    path("4-tot/moi/", views.pledge_create, name="pledge_create"),
    path("4-tot/<int:pledge_id>/", views.pledge_detail, name="pledge_detail"),
    path("4-tot/<int:pledge_id>/sua/", views.pledge_edit, name="pledge_edit"),
    path("4-tot/<int:pledge_id>/danh-gia/", views.pledge_evaluate, name="pledge_evaluate"),
    path("tieu-chi/", views.criteria_list, name="criteria"),
    path("tieu-chi/moi/", views.criteria_create, name="criteria_create"),
    path("tieu-chi/<int:set_id>/", views.criteria_detail, name="criteria_detail"),
    path("tieu-chi/<int:set_id>/sua/", views.criteria_edit, name="criteria_edit"),
    path("lam-theo/", views.registration_list, name="registrations"),
    path("lam-theo/moi/", views.registration_create, name="registration_create"),
    path("lam-theo/<int:registration_id>/", views.registration_detail, name="registration_detail"),
    path("lam-theo/<int:registration_id>/sua/", views.registration_edit, name="registration_edit"),
    path("mo-hinh/", views.example_list, name="examples"),
    path("mo-hinh/moi/", views.example_create, name="example_create"),
    path("mo-hinh/<int:example_id>/", views.example_detail, name="example_detail"),
    path("mo-hinh/<int:example_id>/sua/", views.example_edit, name="example_edit"),
    path("mo-hinh/<int:example_id>/buoc/", views.example_move, name="example_move"),
    path("bieu-duong/", views.recognition_list, name="recognitions"),
    path("bieu-duong/moi/", views.recognition_create, name="recognition_create"),
    path("bieu-duong/<int:recognition_id>/", views.recognition_detail, name="recognition_detail"),
    path("bieu-duong/<int:recognition_id>/sua/", views.recognition_edit, name="recognition_edit"),
    path("so-lieu/", views.figures, name="figures"),
    path("xuat/", views.export, name="export"),
]
