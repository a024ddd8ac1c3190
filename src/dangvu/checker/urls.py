from django.urls import path

from . import views

app_name = "checker"

urlpatterns = [
    path("", views.check, name="check"),
    path("tai-ve/", views.download, name="download"),
]
