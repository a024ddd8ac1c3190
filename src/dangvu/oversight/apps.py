from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "dangvu.oversight"
    label = "oversight"
    verbose_name = "Kiểm tra, giám sát, kỷ luật"
    menu = [(60, "Kiểm tra, kỷ luật", "oversight:list")]  # see dangvu.web.context_processors

    member_sections = ["dangvu.oversight.selectors.member_section"]  # see dangvu.members.sections
    indicators = "dangvu.oversight.indicators.INDICATORS"  # see dangvu.reports.catalogue
