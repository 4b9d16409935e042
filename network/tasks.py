"""The mail about the office's decision, tried again after the mail server failed."""

from django.tasks import task

from network.models import ChangeProposal
from portal.retries import retry_later


@task
def notify_author_later(proposal_id, attempt=2):
    from network import proposals

    proposal = ChangeProposal.objects.filter(pk=proposal_id).first()
    if proposal is None:
        return "gelöscht"
    if proposals.notify_author(proposal):
        return "gesendet"
    retry_later(notify_author_later, proposal_id, attempt)
    return "später"
