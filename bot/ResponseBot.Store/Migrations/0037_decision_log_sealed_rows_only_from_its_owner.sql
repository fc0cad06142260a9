-- A row keeps the chain's columns it was inserted with only when the flag is on and the inserting role is the log's owner
-- (or a member of it), as it is inside decision_log_append_sealed (0036), which runs as the owner. Any role may set the
-- flag: until now only the column grants (DatabaseRoles) kept the app's role from naming the chain's columns, so a role
-- later given insert on the whole table by mistake could have written a place and hashes of its choosing. The owner is
-- looked up only for rows arriving with the flag on, so an ordinary insert costs no more than before.
create or replace function decision_log_unsealed() returns trigger language plpgsql as $$
begin
    -- Seen as of this statement; a case never goes, so one seen exists for as long as the row that names it.
    if new.case_id is not null and not exists (select 1 from public.cases where id = new.case_id) then
        raise foreign_key_violation using message = format('decision_log: case %s does not exist', new.case_id);
    end if;
    if current_setting('responsebot.appending_sealed', true) is distinct from 'on' then
        new.seq := null; new.content_digest := null; new.prev_hash := null; new.row_hash := null;
    elsif not pg_has_role(current_user, (select c.relowner from pg_catalog.pg_class c where c.oid = tg_relid), 'MEMBER') then
        new.seq := null; new.content_digest := null; new.prev_hash := null; new.row_hash := null;
    end if;
    new.redacted_by := null; new.redacted_digest := null;
    return new;
end $$;
