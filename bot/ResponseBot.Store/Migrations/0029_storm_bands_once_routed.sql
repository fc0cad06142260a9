-- A case's storm bands are indexed once it is routed, not as it is stored: only routed cases are loose for a storm
-- (StormRepository.LooseAsync reads no others), and every band is an entry of its own in this index. Storing a flood of
-- mentions no longer writes them; routing a case writes them once, as it already did when its routing gave the row a
-- new version.
drop index cases_storm_bands;
create index cases_storm_bands on cases using gin (storm_bands) with (fastupdate = off)
    where storm_id is null and state in ('New', 'Notified') and routed_at is not null;
