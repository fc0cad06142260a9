-- The full decision workflow: drafts, approvals, reasons, claims, the undo window, triage flags.
alter table cases
    add column flags              text[]      not null default '{}',
    add column respond_by         timestamptz,
    add column draft_text         text,
    add column drafted_by_id      text,
    add column drafted_by_name    text,
    add column drafted_at         timestamptz,
    add column approved_by_id     text,
    add column approved_by_name   text,
    add column approved_at        timestamptz,
    add column reason             text,
    add column claimed_by_id      text,
    add column claimed_by_name    text,
    add column claimed_at         timestamptz,
    add column scheduled_for      timestamptz,
    add column reopen_state       text,
    add column platform_reply_url text;

drop index cases_open_idx;
create index cases_open_idx on cases (received_at)
    where state in ('New', 'Notified', 'Claimed', 'AwaitingApproval', 'Rejected', 'Failed', 'Escalated');

-- Every transition records where it came from and went to, and the reason given.
alter table decision_log
    add column from_state text,
    add column to_state   text,
    add column reason     text;

-- One officer and one manager on duty at a time ("on call" / "on call as manager").
alter table on_call add column role text not null default 'officer';
drop index on_call_single_open_uq;
create unique index on_call_single_open_uq on on_call (role) where ended_at is null;
