-- The notes of clicks that changed nothing (an Approve pressed on a case already approved, by many people at once) are
-- sealed as they are written, not after. Sealing a row later updates it, and since the update gives it a place (seq, which
-- two indexes read) PostgreSQL can't make it in place: every note was written twice, once unsealed and once sealed, and
-- left a dead row behind for vacuum. Such notes are written together by one writer per instance, in a commit that doesn't
-- wait for the disk, so holding the chain's lock through that commit costs the other sealers very little. Every other row
-- is still written unsealed and sealed just after its commit (0024). The chain is the same chain: a place follows the
-- last place given, whoever gives it, and `audit verify` checks it as before.

-- Rows arrive unsealed, except from decision_log_append_sealed below, which says so for the rest of its own call. The app's
-- role can't name the chain's columns in an insert at all (it may insert only the columns DatabaseRoles grants), so for it
-- the flag changes nothing; with one role for everything the app owns the table and its triggers anyway.
create or replace function decision_log_unsealed() returns trigger language plpgsql as $$
begin
    -- Seen as of this statement; a case never goes, so one seen exists for as long as the row that names it.
    if new.case_id is not null and not exists (select 1 from public.cases where id = new.case_id) then
        raise foreign_key_violation using message = format('decision_log: case %s does not exist', new.case_id);
    end if;
    if current_setting('responsebot.appending_sealed', true) is distinct from 'on' then
        new.seq := null; new.content_digest := null; new.prev_hash := null; new.row_hash := null;
    end if;
    new.redacted_by := null; new.redacted_digest := null;
    return new;
end $$;

-- Appends rows (a JSON array of objects named as decision_log's columns, in the order to write them) with their places in
-- the chain, after the last place given. Takes the chain's lock until the transaction ends, so it should be the last
-- statement before a commit that doesn't wait long. Returns how many rows it wrote. Security definer: the app's role may
-- not write the chain's columns.
create function decision_log_append_sealed(p_rows jsonb) returns integer
language plpgsql security definer set search_path = public, pg_temp as $$
declare
    head record;
    r decision_log;
    prev bytea;
    place bigint;
    rows decision_log[] := '{}';
begin
    perform pg_advisory_xact_lock(5990511253237573731);   -- "ResponseBot decision chain"
    select d.seq, d.row_hash into head from decision_log d where d.seq is not null order by d.seq desc limit 1;
    place := coalesce(head.seq, 0);
    prev := coalesce(head.row_hash, decode(repeat('00', 32), 'hex'));
    -- In the array's order (jsonb_populate_recordset reads it from first to last).
    foreach r in array array(select jsonb_populate_recordset(null::decision_log, p_rows)) loop
        place := place + 1;
        r.id := nextval('decision_log_id_seq'::regclass);
        r.seq := place;
        r.prev_hash := prev;
        r.content_digest := decision_log_content_digest(r.text_before, r.text_after);
        r.redacted_by := null;
        r.redacted_digest := null;
        prev := decision_log_row_hash(prev, r);
        r.row_hash := prev;
        rows := rows || r;
    end loop;
    perform set_config('responsebot.appending_sealed', 'on', true);
    insert into decision_log overriding system value select * from unnest(rows);
    perform set_config('responsebot.appending_sealed', '', true);
    return cardinality(rows);
end $$;
revoke all on function decision_log_append_sealed(jsonb) from public;

-- The ids above come from the identity column's own sequence, named here once rather than looked up on every call.
do $$
begin
    if pg_get_serial_sequence('decision_log', 'id') is distinct from 'public.decision_log_id_seq' then
        raise exception 'decision_log.id draws from %, not public.decision_log_id_seq', pg_get_serial_sequence('decision_log', 'id');
    end if;
end $$;
