from django.apps import AppConfig


class CheckerConfig(AppConfig):
    name = "dangvu.checker"
    label = "checker"
    verbose_name = "Kiểm tra số liệu báo cáo"
    menu = [(90, "Kiểm tra số liệu", "checker:check")]  # see dangvu.web.context_processors
