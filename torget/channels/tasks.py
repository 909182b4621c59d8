from django_tasks import task


@task()
def deliver(outbound_id: int) -> None:
    from torget.channels.actions.outbox import do_deliver

    do_deliver(outbound_id)
