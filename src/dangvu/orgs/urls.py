from django.urls import path

from . import views

app_name = "orgs"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("tim/", views.search, name="search"),
    path("<int:unit_id>/", views.detail, name="detail"),
    path("<int:unit_id>/con/", views.children, name="children"),
    path("<int:unit_id>/thanh-lap/", views.create_child, name="create_child"),
    path("<int:unit_id>/doi-ten/", views.rename, name="rename"),
    path("<int:unit_id>/dieu-chuyen/", views.move, name="move"),
    path("<int:unit_id>/doi-loai/", views.reclassify, name="reclassify"),
    path("<int:unit_id>/giai-the/", views.dissolve, name="dissolve"),
    path("<int:unit_id>/hop-nhat/", views.merge, name="merge"),
    path("<int:unit_id>/chia-tach/", views.split, name="split"),
]
