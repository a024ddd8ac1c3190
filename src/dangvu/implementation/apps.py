from django.apps import AppConfig


class ImplementationConfig(AppConfig):
    name = "dangvu.implementation"
    label = "implementation"
    verbose_name = "Thực hiện nghị quyết, chương trình công tác"
    menu = [(32, "Thực hiện", "implementation:list")]
    unit_panels = ["implementation:unit"]  # see dangvu.orgs.views.unit_panel_names
    document_sections = ["dangvu.implementation.selectors.document_section"]
    indicators = "dangvu.implementation.indicators.INDICATORS"  # see dangvu.reports.catalogue
