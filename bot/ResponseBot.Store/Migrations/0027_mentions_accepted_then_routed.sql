-- A webhook mention is acknowledged once it is stored, in a batch with whatever else arrived at that moment, and routed
-- (thread, storm, who is on call, card, timers) just after, by one router at a time across every instance. A case not yet
-- routed has no routed_at; the rules routing it to someone by name are kept with it, as triage found them on arrival.
alter table cases add column routed_at timestamptz, add column routes text[] not null default '{}';
update cases set routed_at = received_at;
create index cases_unrouted on cases (id) where routed_at is null;
