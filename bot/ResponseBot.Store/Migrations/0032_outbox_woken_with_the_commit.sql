-- The outbox's wake-up travels in the same round trip as the commit it follows (UnitOfWork.CommitAsync): the commit, then
-- this in a transaction of its own, as before, so the one notification lock is still never held through a WAL flush, and
-- that transaction doesn't wait for the disk (a notification lost to a crash costs only a poll interval). A unit of work is
-- committed once its commit has run, so nothing after it may fail the round trip: a notification that can't be queued is
-- dropped here, and the dispatchers' poll finds the messages.
create function outbox_wake(p_pools text[]) returns void language plpgsql as $$
begin
    perform set_config('synchronous_commit', 'off', true);
    begin
        perform pg_notify('outbox', p) from unnest(p_pools) p;
    exception when others then
        null;
    end;
end $$;
