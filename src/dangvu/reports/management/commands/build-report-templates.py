from django.core.management.base import BaseCommand

from dangvu.reports.template_builder import write_defaults


class Command(BaseCommand):
    help = "Tạo lại các mẫu báo cáo Word mặc định (ghi đè mẫu đã sửa trong thư mục mẫu)."

    def handle(self, *args, **options):
        for path in write_defaults():
            self.stdout.write(f"Đã ghi {path}")
