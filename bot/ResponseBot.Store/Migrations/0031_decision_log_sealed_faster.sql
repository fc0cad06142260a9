-- Sealing cost the database more than the clicks and mentions that wrote the rows, for two reasons.
--
-- The encoding functions were declared immutable, but convert_to, which they call, is only stable, so PostgreSQL would not
-- expand them where they are used: every row sealed ran its digest and fifteen field encodings as separate function
-- queries. Declared stable (what they are), they are expanded into the sealer's own expressions. Nothing that needs an
-- immutable function (an index, a generated column) uses them. The chain is built exactly as before.
alter function decision_log_field(text) stable;
alter function decision_log_content_digest(text, text) stable;

-- And the append-only check turned both versions of every sealed row into JSON to compare them. It allows the same two
-- exceptions as before, now checked by putting back the columns each may change and comparing the whole rows: every other
-- column, including any added later, must be unchanged. (Rows compare column by column with each type's equality: a
-- column added later needs a type with one as strict as its value, as jsonb, text, bytea and the numbers here have.)
create or replace function decision_log_append_only() returns trigger language plpgsql as $$
declare
    kept decision_log;
begin
    if tg_op = 'UPDATE' then
        if old.seq is null and new.seq is not null then
            kept := new;
            kept.seq := null; kept.content_digest := old.content_digest; kept.prev_hash := old.prev_hash; kept.row_hash := old.row_hash;
            if kept is not distinct from old then
                return new;
            end if;
        end if;
        if old.seq is not null and new.redacted_by is not null and (old.redacted_by is null or new.redacted_by > old.redacted_by) then
            kept := new;
            kept.text_before := old.text_before; kept.text_after := old.text_after;
            kept.redacted_by := old.redacted_by; kept.redacted_digest := old.redacted_digest;
            if kept is not distinct from old then
                return new;
            end if;
        end if;
    end if;
    raise exception 'decision_log is append-only (% refused)', tg_op;
end $$;
