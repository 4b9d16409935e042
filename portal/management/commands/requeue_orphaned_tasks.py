"""Put back the tasks a killed worker left „running“: ``requeue_orphaned_tasks --worker-id ID``.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again; a
worker killed mid-task (OOM, crash, ``TimeoutStopSec`` run out) leaves it so for ever and its
mail never goes out. The systemd unit runs this before each start of the worker with the
worker's own fixed id (``ExecStartPre``): whatever that id still holds as RUNNING belongs to a
process that is gone. Each mail task checks what was sent already (``Digest.sent_at``,
``deliver``'s time stamps), so running one again sends only what is missing.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


class Command(BaseCommand):
    help = "Stellt Aufgaben, die ein beendeter Worker als laufend hinterließ, wieder an."

    def add_arguments(self, parser):
        parser.add_argument("--worker-id", required=True)

    def handle(self, *args, worker_id, **options):
        with transaction.atomic():
            orphans = [
                result.pk
                for result in DBTaskResult.objects.running().select_for_update()
                if result.worker_ids and result.worker_ids[-1] == worker_id
            ]
            DBTaskResult.objects.filter(pk__in=orphans).update(
                status=TaskResultStatus.READY, started_at=None
            )
        self.stdout.write(f"{len(orphans)} Aufgabe(n) von {worker_id} wieder eingereiht.")
