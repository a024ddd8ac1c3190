from django.apps import AppConfig


class EmulationConfig(AppConfig):
    name = "dangvu.emulation"
    label = "emulation"
    verbose_name = "Thi đua"
    menu = [(62, "Thi đua", "emulation:list")]  # see dangvu.web.context_processors
    indicators = "dangvu.emulation.indicators.INDICATORS"  # see dangvu.reports.catalogue
