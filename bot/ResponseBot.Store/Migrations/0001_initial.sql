-- Cases: one row per public mention, unique per account and platform id so a resent webhook
-- or a re-polled API page can never create a second case.
create table cases (
    id                bigint generated always as identity primary key,
    account_id        text        not null,
    external_id       text        not null,
    author_handle     text        not null,
    author_name       text        not null,
    author_url        text,
    text              text        not null,
    url               text,
    created_at        timestamptz not null,
    in_reply_to       text,
    received_at       timestamptz not null,
    state             text        not null default 'New',
    version           integer     not null default 1,
    reply_text        text,
    decided_by_id     text,
    decided_by_name   text,
    decided_at        timestamptz,
    published_at      timestamptz,
    platform_reply_id text,
    failure_reason    text,
    constraint cases_account_external_uq unique (account_id, external_id)
);
create index cases_open_idx on cases (received_at) where state in ('New', 'Notified', 'Failed');

-- How to reach each member of staff proactively (the Bot Framework conversation reference).
create table staff (
    staff_id        text primary key,
    staff_name      text        not null,
    channel_user_id text        not null,
    tenant_id       text        not null,
    service_url     text        not null,
    bot_id          text        not null,
    conversation_id text,
    installed       boolean     not null default true,
    first_seen_at   timestamptz not null,
    updated_at      timestamptz not null
);

-- "I'm taking over now" cover. At most one open row: the officer on call.
create table on_call (
    id         bigint generated always as identity primary key,
    staff_id   text        not null references staff (staff_id),
    staff_name text        not null,
    started_at timestamptz not null,
    ended_at   timestamptz
);
create unique index on_call_single_open_uq on on_call ((true)) where ended_at is null;

-- Every card we posted, so each copy can be updated in place when the case changes.
create table case_cards (
    case_id         bigint      not null references cases (id),
    staff_id        text        not null,
    service_url     text        not null,
    conversation_id text        not null,
    message_id      text        not null,
    posted_at       timestamptz not null,
    primary key (case_id, staff_id)
);

-- Transactional outbox: written with the state change that causes the send; drained by workers
-- on any instance with FOR UPDATE SKIP LOCKED.
create table outbox (
    id           bigint generated always as identity primary key,
    kind         text        not null,
    case_id      bigint references cases (id),
    recipient    text,
    payload      text,
    created_at   timestamptz not null,
    due_at       timestamptz not null,
    leased_until timestamptz,
    attempts     integer     not null default 0,
    done_at      timestamptz,
    failed_at    timestamptz,
    last_error   text
);
create index outbox_due_idx on outbox (due_at) where done_at is null and failed_at is null;
-- A case's reply can be queued for posting only once at a time: the guard against double posts.
create unique index outbox_one_publish_per_case_uq on outbox (case_id)
    where kind = 'reply.publish' and done_at is null and failed_at is null;

-- Append-only record of every decision. Rows can be added, never changed or removed.
create table decision_log (
    id          bigint generated always as identity primary key,
    case_id     bigint references cases (id),
    at          timestamptz not null,
    actor_id    text        not null,
    actor_name  text        not null,
    action      text        not null,
    text_before text,
    text_after  text,
    detail      jsonb
);
create index decision_log_case_idx on decision_log (case_id, id);

create function decision_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'decision_log is append-only (% refused)', tg_op;
end $$;
create trigger decision_log_no_update_or_delete
    before update or delete on decision_log
    for each row execute function decision_log_append_only();
create trigger decision_log_no_truncate
    before truncate on decision_log
    for each statement execute function decision_log_append_only();
