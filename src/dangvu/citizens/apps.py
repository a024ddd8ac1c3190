from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "dangvu.citizens"
    label = "citizens"
    verbose_name = "Dân vận"
    menu = [(66, "Dân vận", "citizens:list")]  # see dangvu.web.context_processors
    indicators = "dangvu.citizens.indicators.INDICATORS"  # see dangvu.reports.catalogue
