from django.urls import path

app_name = "emulation"
urlpatterns: list = []
