-- Activity ids already processed, so a channel retry (Teams retries after ~15 s) is recognised and
-- not acted on twice, on whichever instance it lands. Rows older than a day are pruned.
create table inbound_activities (
    activity_key text primary key,
    received_at  timestamptz not null
);
create index inbound_activities_received_idx on inbound_activities (received_at);
