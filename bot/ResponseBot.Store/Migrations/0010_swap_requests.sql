-- "Cover me": someone asks the others on their layer's rota to take a shift. The first to take it wins
-- (a guarded update); where policy says, a coordinator then approves, and the approved swap becomes an override.
create table swap_requests (
    id           uuid primary key,
    layer        text        not null,
    requester_id text        not null,
    starts_at    timestamptz not null,
    ends_at      timestamptz not null,
    status       text        not null,
    taken_by     text,
    taken_at     timestamptz,
    decided_by   text,
    decided_at   timestamptz,
    override_id  bigint references rota_overrides (id),
    created_at   timestamptz not null,
    constraint swap_requests_period_ck check (ends_at > starts_at)
);
