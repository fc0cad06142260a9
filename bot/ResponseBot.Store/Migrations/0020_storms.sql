-- Storms: near-duplicate mentions arriving together (a viral post, a campaign) collapse into one storm. Each mention stays
-- a case with its own record; the storm's first case (its lead) carries the storm card, its timer and its decision, and
-- a decision on the lead (a statement, a dismissal) is carried to every other member through the outbox.
create table storms (
    id            bigserial   primary key,
    account_id    text        not null,
    lead_case_id  bigint      not null references cases (id),
    -- The lead's text, normalised: what a new mention is compared with.
    signature     text        not null,
    started_at    timestamptz not null,
    last_at       timestamptz not null,
    members       int         not null,
    -- Set when the lead's reply (the statement for all) or dismissal was decided: later members get the same.
    statement     text,
    decided_by_id   text,
    decided_by_name text,
    decided_at      timestamptz,
    dismiss_reason  text
);
create index storms_active on storms (account_id, last_at desc);

alter table cases add column storm_id bigint references storms (id);
alter table cases add column leads_storm boolean not null default false;
create index cases_storm on cases (storm_id) where storm_id is not null;

-- Lookups made for every new mention: "is this a reply to one of our posts?" and "when was this author last sent a
-- holding reply?" — indexed, so neither scans the account's cases or the whole outbox.
create index cases_platform_reply on cases (account_id, platform_reply_id) where platform_reply_id is not null;
create index cases_holding_reply on cases (account_id, holding_reply_id) where holding_reply_id is not null;
create index outbox_case_kind on outbox (case_id, kind);
