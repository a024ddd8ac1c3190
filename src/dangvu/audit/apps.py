from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "dangvu.audit"
    label = "audit"
    verbose_name = "Nhật ký"
    menu = [(80, "Nhật ký", "audit:list")]
