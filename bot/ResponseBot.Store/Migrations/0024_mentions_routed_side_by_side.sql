-- The decision chain is sealed just after commit instead of at it. Sealing at commit held the chain's lock through every
-- transaction's WAL flush, so every transaction that logged a decision (nearly all of them) committed one at a time, and
-- on a busy machine each hand-over of the lock waited for the next process to be scheduled. Now rows commit side by
-- side, unsealed, and one sealer at a time gives the rows committed since it last ran their places, in batches; the
-- running bot calls it every second, and `audit verify`, the records export and a redaction call it first. What a row
-- says still can't change before it is sealed: the append-only trigger refuses any update but sealing itself.
drop trigger decision_log_seal on decision_log;
drop function decision_log_seal();

-- Seals up to p_max committed rows in id order (a row committed later with a lower id takes the next place when it is
-- seen: the chain's order is the order rows were sealed in). Returns how many, or -1 when another sealer is at work
-- and p_wait is false. Security definer: the app's role may not update the log.
create function decision_log_seal_pending(p_max integer, p_wait boolean) returns integer
language plpgsql security definer set search_path = public, pg_temp as $$
declare
    head record;
    r decision_log;
    prev bytea;
    place bigint;
    n integer := 0;
begin
    if p_wait then
        perform pg_advisory_xact_lock(5990511253237573731);   -- "ResponseBot decision chain"
    elsif not pg_try_advisory_xact_lock(5990511253237573731) then
        return -1;
    end if;
    select d.seq, d.row_hash into head from decision_log d where d.seq is not null order by d.seq desc limit 1;
    place := coalesce(head.seq, 0);
    prev := coalesce(head.row_hash, decode(repeat('00', 32), 'hex'));
    for r in select * from decision_log d where d.seq is null order by d.id limit p_max loop
        place := place + 1;
        r.seq := place;
        r.prev_hash := prev;
        r.content_digest := decision_log_content_digest(r.text_before, r.text_after);
        prev := decision_log_row_hash(prev, r);
        update decision_log set seq = r.seq, prev_hash = r.prev_hash, content_digest = r.content_digest, row_hash = prev
         where id = r.id;
        n := n + 1;
    end loop;
    return n;
end $$;
revoke all on function decision_log_seal_pending(integer, boolean) from public;

-- A redaction masks every earlier row of its case, so those rows are sealed first: a row still waiting for its place
-- would otherwise keep the texts being taken away. (Its own row, written in this transaction, is sealed with them.)
create or replace function redact_decision_log(p_redaction bigint, p_terms text[], p_drop_actions text[]) returns integer
language plpgsql security definer set search_path = public, pg_temp as $$
declare
    r record;
    n integer;
begin
    select case_id, xmin into r from decision_log
     where id = p_redaction and action in ('redacted', 'erased') and case_id is not null;
    if not found or r.xmin::text <> (pg_current_xact_id()::xid)::text then
        raise exception 'redaction % is not a redaction of a case written in this transaction', p_redaction;
    end if;
    if exists (select 1 from unnest(p_terms) t where length(trim(t)) < 3) then
        raise exception 'a term to mask must have at least three characters';
    end if;
    while decision_log_seal_pending(10000, true) = 10000 loop end loop;
    update decision_log d
       set text_before = x.b, text_after = x.a, redacted_by = p_redaction, redacted_digest = decision_log_content_digest(x.b, x.a)
      from (select l.id,
                   case when l.action = any(p_drop_actions) then null else decision_log_mask(l.text_before, p_terms) end as b,
                   case when l.action = any(p_drop_actions) then null else decision_log_mask(l.text_after, p_terms) end as a
              from decision_log l
             where l.case_id = r.case_id and l.id < p_redaction and l.seq is not null
               and (l.text_before is not null or l.text_after is not null)
               and (l.redacted_by is null or l.redacted_by < p_redaction)) x
     where d.id = x.id;
    get diagnostics n = row_count;
    return n;
end $$;

-- Finds the unsealed rows quickly however long the log grows.
create index decision_log_unsealed on decision_log (id) where seq is null;

-- Mentions are routed side by side now, so what each reads must not grow with the account's traffic. A mention's storm
-- keys (MinHash of its word pairs) find its possible near-duplicates without reading every recent case's text.
alter table cases add column storm_keys integer[];
-- fastupdate off: every mention searches it, and a pending list of recent inserts would be read in full by each search.
create index cases_storm_keys on cases using gin (storm_keys) with (fastupdate = off) where storm_id is null and state in ('New', 'Notified');
-- The author's last case: in the order asked for, so one index entry answers however many cases the author has.
drop index cases_author;
create index cases_author on cases (account_id, author_handle, received_at desc, id desc);
