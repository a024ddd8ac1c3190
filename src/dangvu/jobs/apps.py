from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    name = "dangvu.jobs"
    label = "jobs"
    verbose_name = "Việc chạy nền"
    menu = [(90, "Việc của tôi", "jobs:list")]

    def ready(self) -> None:
        # Every process (web server and worker) must know every job kind.
        autodiscover_modules("job_handlers")
