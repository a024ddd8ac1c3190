from django.apps import AppConfig


class StudyConfig(AppConfig):
    name = "dangvu.study"
    label = "study"
    verbose_name = "Học tập, quán triệt"
    menu = [(34, "Học tập", "study:list")]  # see dangvu.web.context_processors
    member_sections = ["dangvu.study.sections.member_sessions"]  # see dangvu.members.sections
    indicators = "dangvu.study.indicators.INDICATORS"  # see dangvu.reports.catalogue
