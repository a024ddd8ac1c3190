from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "dangvu.orgs"
    label = "orgs"
    verbose_name = "Tổ chức đảng"
    menu = [(10, "Cây tổ chức", "orgs:tree"), (11, "Tìm tổ chức", "orgs:search")]
    indicators = "dangvu.orgs.indicators.INDICATORS"  # see dangvu.reports.catalogue
