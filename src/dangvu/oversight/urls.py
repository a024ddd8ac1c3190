from django.urls import path

from . import views

app_name = "oversight"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("moi/", views.case_create, name="case_create"),
    path("xuat/", views.case_export, name="case_export"),
    path("<int:case_id>/", views.case_detail, name="case_detail"),
    path("<int:case_id>/sua/", views.case_edit, name="case_edit"),
    path("ke-hoach/", views.plan_list, name="plan_list"),
    path("ke-hoach/moi/", views.plan_create, name="plan_create"),
    path("ke-hoach/<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:plan_id>/sua/", views.plan_edit, name="plan_edit"),
    path("ky-luat/", views.decision_list, name="decision_list"),
    path("ky-luat/moi/", views.decision_create, name="decision_create"),
    path("ky-luat/xuat/", views.decision_export, name="decision_export"),
    path("ky-luat/<int:decision_id>/", views.decision_detail, name="decision_detail"),
    path("ky-luat/<int:decision_id>/sua/", views.decision_edit, name="decision_edit"),
    path("so-lieu/", views.figures, name="figures"),
]
