from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("viet-bao-cao/", views.generate, name="generate"),
    path("cap-nhat/", views.refresh, name="refresh"),
    path("da-viet/<int:report_id>/", views.sources, name="sources"),
]
