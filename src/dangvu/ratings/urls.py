from django.urls import path

from . import views

app_name = "ratings"

urlpatterns = [
    path("", views.round_list, name="list"),
    path("dot/moi/", views.round_create, name="round_create"),
    path("dot/<int:round_id>/", views.round_detail, name="round"),
    path("dot/<int:round_id>/sua/", views.round_edit, name="round_edit"),
    path("dot/<int:round_id>/chi-bo/<int:cell_id>/", views.rate_cell, name="rate_cell"),
    path("dot/<int:round_id>/to-chuc/", views.rate_unit, name="rate_unit"),
    path("xep-loai/", views.rating_list, name="ratings"),
    path("xep-loai/xuat/", views.export, name="export"),
    path("xep-loai/<int:rating_id>/sua/", views.rating_edit, name="rating_edit"),
    path("khac-phuc/", views.commitment_list, name="commitments"),
    path("khac-phuc/moi/", views.commitment_create, name="commitment_create"),
    path("khac-phuc/<int:commitment_id>/", views.commitment_detail, name="commitment"),
    path("khac-phuc/<int:commitment_id>/sua/", views.commitment_edit, name="commitment_edit"),
    path("so-lieu/", views.figures, name="figures"),
    path("to-chuc/<int:unit_id>/", views.unit_panel, name="unit"),
]
