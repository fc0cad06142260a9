-- Rota overrides: someone covers a period in a layer for someone else. Never edited in place: a change is a
-- new row (the latest wins) or a cancellation, so the history of who was meant to cover stays readable.
create table rota_overrides (
    id           bigint generated always as identity primary key,
    layer        text        not null,
    staff_id     text        not null,
    starts_at    timestamptz not null,
    ends_at      timestamptz not null,
    covering_for text,
    created_by   text        not null,
    created_at   timestamptz not null,
    cancelled_at timestamptz,
    constraint rota_overrides_period_ck check (ends_at > starts_at)
);
create index rota_overrides_active_idx on rota_overrides (ends_at) where cancelled_at is null;
