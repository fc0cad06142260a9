-- "on call" is now a takeover on top of the rota: it lasts until "off call" or until the rota's next
-- handoff for that layer (null: no rotation configured, so until "off call").
alter table on_call add column until timestamptz;

-- The holder of each layer the bot last announced: the shift-change job compares it with who holds the
-- layer now, so every handover is announced once, whichever instance notices it first.
create table duty_state (
    layer    text primary key,
    staff_id text,
    since    timestamptz not null
);

-- Escalation timers are data. One row per case and kind ('ack': nobody has acted on a new case;
-- 'approval': nobody has approved a risky reply); a worker takes due rows with FOR UPDATE SKIP LOCKED, so a
-- restart or a second instance neither loses nor doubles a step.
create table escalations (
    case_id    bigint      not null references cases (id),
    kind       text        not null,
    step       int         not null default 0,
    due_at     timestamptz not null,
    started_at timestamptz not null,
    closed_at  timestamptz,
    outcome    text,
    primary key (case_id, kind)
);
create index escalations_due_idx on escalations (due_at) where closed_at is null;

-- Who a case was escalated to by a timer: they may act on it even though they aren't the primary on call.
create table case_escalations (
    case_id  bigint      not null references cases (id),
    staff_id text        not null,
    step     int         not null,
    at       timestamptz not null,
    primary key (case_id, staff_id, step)
);

-- Who removed an override (coordinators' edits are audited like case decisions).
alter table rota_overrides add column cancelled_by text;

-- The platform's id for an automatic holding reply, so a reply to it threads onto the case.
alter table cases add column holding_reply_id text;
