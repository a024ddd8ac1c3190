from django.apps import AppConfig


class StudyConfig(AppConfig):
    name = "dangvu.study"
    label = "study"
    verbose_name = "Học tập, quán triệt"
    menu = []  # (position, label, url name), see dangvu.web.context_processors
