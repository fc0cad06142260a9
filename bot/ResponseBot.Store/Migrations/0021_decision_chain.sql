-- The decision log becomes tamper-evident: at commit every new row is given its place in one chain (seq), a digest of
-- its personal content (content_digest, over text_before and text_after) and a hash over its canonical content, that
-- digest and the previous row's hash (row_hash). Personal texts can later be redacted (retention, erasure) without
-- breaking the chain, because the chain covers the digest, which stays. `audit verify` recomputes everything in C#
-- (ResponseBot.Domain.Audit.DecisionChain); the encoding below must stay identical to it.
alter table decision_log
    add column card_version   integer,
    add column seq            bigint,
    add column content_digest bytea,
    add column prev_hash      bytea,
    add column row_hash       bytea,
    -- The decision_log row (action 'redacted' or 'erased') of the redaction that last replaced this row's texts, and the
    -- digest of the texts it left (the chain keeps the digest of the originals).
    add column redacted_by    bigint,
    add column redacted_digest bytea;
create unique index decision_log_seq_uq on decision_log (seq);

-- A moderation row named the post's URL (it carries the author's handle on most platforms); the case has it already.
alter table decision_log disable trigger decision_log_no_update_or_delete;
update decision_log set detail = detail - 'url' where action in ('hidden', 'unhidden') and detail ? 'url';
alter table decision_log enable trigger decision_log_no_update_or_delete;

-- One field of the canonical encoding: its UTF-8 length in bytes (whatever the database's encoding), a colon and the
-- value; '~' for null.
create function decision_log_field(v text) returns text language sql immutable as $$
    select case when v is null then '~' else octet_length(convert_to(v, 'UTF8'))::text || ':' || v end
$$;

create function decision_log_content_digest(text_before text, text_after text) returns bytea language sql immutable as $$
    select sha256(convert_to(decision_log_field(text_before) || decision_log_field(text_after), 'UTF8'))
$$;

create function decision_log_row_hash(prev bytea, r decision_log) returns bytea language sql stable as $$
    select sha256(prev || convert_to(
        decision_log_field(r.seq::text) || decision_log_field(r.id::text) || decision_log_field(r.case_id::text) ||
        decision_log_field(((extract(epoch from r.at) * 1000000)::bigint)::text) ||
        decision_log_field(r.actor_id) || decision_log_field(r.actor_name) || decision_log_field(r.action) ||
        decision_log_field(r.from_state) || decision_log_field(r.to_state) || decision_log_field(r.reason) ||
        decision_log_field(r.detail::text) || decision_log_field(r.card_version::text) ||
        decision_log_field(encode(r.content_digest, 'hex')), 'UTF8'))
$$;

-- Nobody inserts a place in the chain: it is given at commit.
create function decision_log_unsealed() returns trigger language plpgsql as $$
begin
    new.seq := null; new.content_digest := null; new.prev_hash := null; new.row_hash := null; new.redacted_by := null; new.redacted_digest := null;
    return new;
end $$;
create trigger decision_log_insert_unsealed before insert on decision_log
    for each row execute function decision_log_unsealed();

-- Runs at commit (a deferred constraint trigger), after every other lock the transaction takes, so holding the chain's
-- lock until the commit ends can't deadlock with row locks. Security definer: the app's role may not update the log.
create function decision_log_seal() returns trigger language plpgsql security definer set search_path = public, pg_temp as $$
declare
    head record;
    r decision_log;
begin
    perform pg_advisory_xact_lock(5990511253237573731);   -- "ResponseBot decision chain"
    select d.seq, d.row_hash into head from decision_log d where d.seq is not null order by d.seq desc limit 1;
    select * into r from decision_log d where d.id = new.id;
    r.seq := coalesce(head.seq, 0) + 1;
    r.prev_hash := coalesce(head.row_hash, decode(repeat('00', 32), 'hex'));
    r.content_digest := decision_log_content_digest(r.text_before, r.text_after);
    update decision_log set seq = r.seq, prev_hash = r.prev_hash, content_digest = r.content_digest,
                            row_hash = decision_log_row_hash(r.prev_hash, r)
     where id = new.id;
    return null;
end $$;
create constraint trigger decision_log_seal after insert on decision_log
    deferrable initially deferred for each row execute function decision_log_seal();

-- Rows are never changed, with two exceptions the trigger checks column by column: sealing (the chain columns filled in
-- once) and redaction (only the personal texts replaced, naming a later redaction). Everything else is refused.
create or replace function decision_log_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        if old.seq is null and new.seq is not null
           and to_jsonb(old) - array['seq', 'content_digest', 'prev_hash', 'row_hash'] = to_jsonb(new) - array['seq', 'content_digest', 'prev_hash', 'row_hash'] then
            return new;
        end if;
        if old.seq is not null and new.redacted_by is not null and (old.redacted_by is null or new.redacted_by > old.redacted_by)
           and to_jsonb(old) - array['text_before', 'text_after', 'redacted_by', 'redacted_digest'] = to_jsonb(new) - array['text_before', 'text_after', 'redacted_by', 'redacted_digest'] then
            return new;
        end if;
    end if;
    raise exception 'decision_log is append-only (% refused)', tg_op;
end $$;

-- A person's name or handle masked in a text: whole words only (never inside another word), case-insensitive, longest first.
create function decision_log_mask(t text, terms text[]) returns text language sql immutable as $$
    select case
        when t is null or coalesce(cardinality(terms), 0) = 0 then t
        else regexp_replace(t,
            '(?<![[:alnum:]_])(' || (select string_agg(regexp_replace(x, '([^[:alnum:][:space:]])', '\\\1', 'g'), '|' order by length(x) desc)
                                     from unnest(terms) x) || ')(?![[:alnum:]_])',
            '[redacted]', 'gi')
    end
$$;

-- The only way the app's role changes a row, and it can only take information away: for rows of the redaction's own case
-- written before it, texts are emptied (the person's own words: p_drop_actions) or have the person's name and handle
-- masked (p_terms). The redaction's own decision_log row must be written first, in the same transaction, so every
-- change of a text is itself on the record.
create function redact_decision_log(p_redaction bigint, p_terms text[], p_drop_actions text[]) returns integer
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
revoke all on function redact_decision_log(bigint, text[], text[]) from public;

-- Rows already there are chained in id order.
do $$
declare
    r decision_log;
    prev bytea := decode(repeat('00', 32), 'hex');
    n bigint := 0;
begin
    alter table decision_log disable trigger decision_log_no_update_or_delete;
    for r in select * from decision_log order by id loop
        n := n + 1;
        r.seq := n;
        r.prev_hash := prev;
        r.content_digest := decision_log_content_digest(r.text_before, r.text_after);
        prev := decision_log_row_hash(prev, r);
        update decision_log set seq = r.seq, prev_hash = r.prev_hash, content_digest = r.content_digest, row_hash = prev where id = r.id;
    end loop;
    alter table decision_log enable trigger decision_log_no_update_or_delete;
end $$;

-- The head of the chain as each nightly check found it: a later check that can't find it again knows rows were removed
-- from the end, which the chain alone can't show.
create table audit_checkpoints (
    id          bigint generated always as identity primary key,
    checked_at  timestamptz not null,
    rows        bigint      not null,
    head_seq    bigint,
    head_hash   bytea,
    broken_at   bigint,
    problem     text
);

-- The app records a check only through this, and the head is read here, not taken from the app: a forged "good" head
-- could otherwise hide rows removed from the end, or raise a false alarm.
create function record_audit_checkpoint(p_checked_at timestamptz, p_rows bigint, p_broken_at bigint, p_problem text) returns void
language plpgsql security definer set search_path = public, pg_temp as $$
declare
    head record;
begin
    select d.seq, d.row_hash into head from decision_log d where d.seq is not null order by d.seq desc limit 1;
    insert into audit_checkpoints (checked_at, rows, head_seq, head_hash, broken_at, problem)
    values (p_checked_at, p_rows, head.seq, head.row_hash, p_broken_at, p_problem);
end $$;
revoke all on function record_audit_checkpoint(timestamptz, bigint, bigint, text) from public;

-- Retention and erasure: what of a case's personal data is gone, and when.
alter table cases add column author_redacted_at  timestamptz;
alter table cases add column content_redacted_at timestamptz;
create index cases_author_handle on cases (lower(author_handle));
