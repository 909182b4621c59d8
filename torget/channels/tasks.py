from django_tasks import task


@task()
def deliver(outbound_id: int) -> None:
    from torget.channels.actions.outbox import do_deliver

    do_deliver(outbound_id)


@task()
def read_webhooks(channel_id: int) -> None:
    from torget.channels.actions.receiving import do_read_received
    from torget.channels.models import Channel

    channel = Channel.objects.filter(pk=channel_id).first()
    if channel is not None:
        do_read_received(channel)
