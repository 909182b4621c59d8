from django_tasks import task


@task()
def retrain_moderation(organization_id: int) -> None:
    from torget.moderation.actions.learning import do_train_moderation
    from torget.orgs.models import Organization

    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is not None:
        do_train_moderation(organization)


def schedule_moderation_training(organization_id: int) -> None:
    """One pending training per organization is enough, however many decisions arrive."""
    from django_tasks_db.models import DBTaskResult

    pending = DBTaskResult.objects.filter(
        task_path=retrain_moderation.module_path,
        status="READY",
        args_kwargs__args=[organization_id],
    )
    if not pending.exists():
        retrain_moderation.enqueue(organization_id)
