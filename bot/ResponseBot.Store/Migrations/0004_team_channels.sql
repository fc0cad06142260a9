-- Team channels the bot is installed in: where cases can be posted for the team to claim.
create table team_channels (
    conversation_id text primary key,
    team_id         text,
    channel_name    text,
    tenant_id       text        not null,
    service_url     text        not null,
    bot_id          text        not null,
    installed       boolean     not null default true,
    updated_at      timestamptz not null
);
