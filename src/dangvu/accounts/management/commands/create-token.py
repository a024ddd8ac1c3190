from django.core.management.base import BaseCommand, CommandError

from dangvu.accounts.models import User
from dangvu.accounts.tokens import issue_token


class Command(BaseCommand):
    help = "Tạo khóa API cho một người dùng (khóa chỉ hiện một lần)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="API", help="Tên gợi nhớ của khóa")

    def handle(self, *args, username, name, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có người dùng “{username}”.")
        _, token = issue_token(user=user, name=name)
        self.stdout.write(token)
