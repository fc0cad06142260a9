-- The key ring that protects platform tokens at rest (ASP.NET Core Data Protection), shared by every instance, and the
-- platforms' sessions themselves, stored only in protected form: a restart resumes the session instead of logging in.
create table data_protection_keys (
    friendly_name text        primary key,
    xml           text        not null,
    created_at    timestamptz not null default now()
);

create table platform_sessions (
    account_id text        primary key,
    protected  text        not null,
    updated_at timestamptz not null
);
