from django_tasks import task

from torget.system.tasks import is_waiting


@task()
def retrain_moderation(organization_id: int) -> None:
    from torget.moderation.actions.learning import do_train_moderation
    from torget.orgs.models import Organization

    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is not None:
        do_train_moderation(organization)


def schedule_moderation_training(organization_id: int) -> None:
    """One pending training per organization is enough, however many decisions arrive."""
    if not is_waiting(retrain_moderation, organization_id):
        retrain_moderation.enqueue(organization_id)
