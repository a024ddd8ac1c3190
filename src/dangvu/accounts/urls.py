from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.user_list, name="list"),
    path("moi/", views.user_new, name="new"),
    path("<int:user_id>/", views.user_detail, name="detail"),
    path("vai-tro/<int:assignment_id>/ket-thuc/", views.end_assignment, name="end_role"),
]
