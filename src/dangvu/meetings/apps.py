from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "dangvu.meetings"
    label = "meetings"
    verbose_name = "Sinh hoạt chi bộ"
    menu = [(50, "Sinh hoạt", "meetings:list")]  # see dangvu.web.context_processors
    member_sections = ["dangvu.meetings.selectors.member_section"]
    indicators = "dangvu.meetings.indicators.INDICATORS"  # see dangvu.reports.catalogue
