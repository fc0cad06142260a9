-- The notes of clicks that changed nothing (an Approve pressed on a case already approved, by many people at once) are
-- sealed as they are written, not after. Sealing a row later updates it, and since the update gives it a place (seq, which
-- two indexes read) PostgreSQL can't make it in place: every note was written twice, once unsealed and once sealed, and
-- left a dead row behind for vacuum. Such notes are committed without waiting for the disk, so holding the chain's lock
-- through that commit is brief. They never wait for the lock: when another sealer holds it (a redaction can, for a whole
-- retention batch) they are written unsealed, as every other row is, and sealed just after their commit (0024). The
-- chain is the same chain: a place follows the last place given, whoever gives it, and `audit verify` checks it as before.

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

-- Appends rows (a JSON array of objects naming the columns the app may write, DatabaseRoles' list, in the order to write
-- them; any other key is ignored) with their places in the chain, after the last place given, if the chain's lock is free;
-- otherwise unsealed. Holds the lock until the transaction ends, so it should be the last statement before a commit that
-- doesn't wait long. Returns how many rows it sealed. Security definer: the app's role may not write the chain's columns.
create function decision_log_append_sealed(p_rows jsonb) returns integer
language plpgsql security definer set search_path = public, pg_temp as $$
declare
    head record;
    g record;
    blank decision_log;
    r decision_log;
    prev bytea;
    place bigint;
    rows decision_log[] := '{}';
begin
    if not pg_try_advisory_xact_lock(5990511253237573731) then   -- "ResponseBot decision chain"
        insert into decision_log (case_id, at, actor_id, actor_name, action, text_before, text_after, detail, from_state, to_state, reason, card_version)
        select x.case_id, x.at, x.actor_id, x.actor_name, x.action, x.text_before, x.text_after, x.detail, x.from_state, x.to_state, x.reason, x.card_version
          from rows from (jsonb_to_recordset(p_rows) as (case_id bigint, at timestamptz, actor_id text, actor_name text, action text,
               text_before text, text_after text, detail jsonb, from_state text, to_state text, reason text, card_version int)) with ordinality as x
         order by x.ordinality;
        return 0;
    end if;
    select d.seq, d.row_hash into head from decision_log d where d.seq is not null order by d.seq desc limit 1;
    place := coalesce(head.seq, 0);
    prev := coalesce(head.row_hash, decode(repeat('00', 32), 'hex'));
    -- Only the columns named here come from the caller; a column added later stays null unless it is named.
    for g in select * from rows from (jsonb_to_recordset(p_rows) as (case_id bigint, at timestamptz, actor_id text, actor_name text, action text,
                 text_before text, text_after text, detail jsonb, from_state text, to_state text, reason text, card_version int)) with ordinality as x
              order by x.ordinality loop
        r := blank;
        r.case_id := g.case_id; r.at := g.at; r.actor_id := g.actor_id; r.actor_name := g.actor_name; r.action := g.action;
        r.text_before := g.text_before; r.text_after := g.text_after; r.detail := g.detail;
        r.from_state := g.from_state; r.to_state := g.to_state; r.reason := g.reason; r.card_version := g.card_version;
        place := place + 1;
        r.id := nextval('decision_log_id_seq'::regclass);
        r.seq := place;
        r.prev_hash := prev;
        r.content_digest := decision_log_content_digest(r.text_before, r.text_after);
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
