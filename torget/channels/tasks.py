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


@task()
def poll(channel_id: int) -> None:
    """Polls once and schedules the next poll: a polled channel keeps its own rhythm."""
    from torget.channels.actions.polling import do_poll, schedule_poll
    from torget.channels.models import Channel

    channel = Channel.objects.filter(pk=channel_id, is_active=True).first()
    if channel is None:
        return
    try:
        do_poll(channel)
    finally:
        schedule_poll(channel)


@task()
def poll_once(channel_id: int) -> None:
    """Asked for on the channel's page: outside the rhythm, which goes on as it was."""
    from torget.channels.actions.polling import do_poll
    from torget.channels.models import Channel

    channel = Channel.objects.filter(pk=channel_id, is_active=True).first()
    if channel is not None:
        do_poll(channel)


@task()
def import_file(run_id: int) -> None:
    from torget.channels.actions.importing import do_import_upload

    do_import_upload(run_id)


@task()
def check_token_expiry() -> None:
    from torget.channels.actions.trouble import do_check_token_expiry

    do_check_token_expiry()
