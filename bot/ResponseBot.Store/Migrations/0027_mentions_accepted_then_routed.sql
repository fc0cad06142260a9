-- A webhook mention is acknowledged once it is stored, in a batch with whatever else arrived at that moment, and routed
-- (thread, storm, who is on call, card, timers) just after, by one router at a time across every instance. A case not yet
-- routed has no routed_at; the rules routing it to someone by name are kept with it, as triage found them on arrival.
alter table cases add column routed_at timestamptz, add column routes text[] not null default '{}';
update cases set routed_at = received_at;
create index cases_unrouted on cases (id) where routed_at is null;

-- Storm candidates are found by a shared band (a pair of storm keys: Storms.Bands) rather than a shared key: far fewer
-- cases share two keys by chance than one, so the index returns the few worth comparing. The key index isn't needed any
-- more (the keys are still what near-duplicates lock). Open cases get their bands here, as Storms.Bands makes them.
alter table cases add column storm_bands bigint[];
update cases set storm_bands = array(select (a::bigint << 32) | (b::bigint & 4294967295)
                                       from unnest(storm_keys) a, unnest(storm_keys) b where a < b)
 where storm_keys is not null and storm_id is null and state in ('New', 'Notified');
drop index cases_storm_keys;
create index cases_storm_bands on cases using gin (storm_bands) with (fastupdate = off) where storm_id is null and state in ('New', 'Notified');
