-- Pre-election periods managers add from Teams (configured ones live in configuration only). Dates are the organisation's
-- local days, both inclusive; an empty accounts list covers every account. Changes are made in place with who and when; the
-- decision log keeps each change's before and after, and a removed period stays as a row so the log's ids still resolve.
create table election_periods (
    id         bigint generated always as identity primary key,
    name       text        not null,
    starts_on  date        not null,
    ends_on    date        not null,
    accounts   text[]      not null default '{}',
    created_by text        not null,
    created_at timestamptz not null,
    changed_by text,
    changed_at timestamptz,
    removed_by text,
    removed_at timestamptz,
    constraint election_periods_name_ck check (length(btrim(name)) between 1 and 200),
    constraint election_periods_dates_ck check (ends_on >= starts_on)
);
create index election_periods_live_idx on election_periods (ends_on) where removed_at is null;
