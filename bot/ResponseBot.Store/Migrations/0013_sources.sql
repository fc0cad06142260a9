-- Accounts whose mentions are polled (Bluesky and the other platforms without a push API). The cursor is the
-- platform's own "where we got to", kept only after the mentions it covers are committed as cases, so a restart
-- neither misses nor repeats; a poll is claimed with FOR UPDATE SKIP LOCKED and a lease, so instances share the work.
create table sources (
    account_id           text        primary key,
    cursor               text,
    next_poll_at         timestamptz not null,
    leased_until         timestamptz,
    last_success_at      timestamptz,
    last_failure_at      timestamptz,
    last_mention_at      timestamptz,
    consecutive_failures int         not null default 0,
    last_error           text,
    -- Set when the rota was told the source is failing, so they are told once, and told again when it recovers.
    alarm_raised_at      timestamptz
);
