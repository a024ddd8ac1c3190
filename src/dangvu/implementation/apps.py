from django.apps import AppConfig


class ImplementationConfig(AppConfig):
    name = "dangvu.implementation"
    label = "implementation"
    verbose_name = "Thực hiện nghị quyết, chương trình công tác"
    menu = [(32, "Thực hiện", "implementation:list")]
