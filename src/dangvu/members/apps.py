from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "dangvu.members"
    label = "members"
    verbose_name = "Đảng viên"
    menu = [(20, "Đảng viên", "members:list")]
