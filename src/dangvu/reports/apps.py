from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dangvu.reports"
    label = "reports"
    verbose_name = "Báo cáo, số liệu"
    menu = [(5, "Số liệu", "reports:dashboard")]  # see dangvu.web.context_processors
