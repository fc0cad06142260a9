-- A decision log row's case is checked by looking, not by a foreign key. A foreign key check takes a share lock on the
-- case's row: every note wrote that lock into the case's row, and the notes of a busy case (many clicks refused at once on
-- a case already approved) made it a lock shared by many transactions, a third of what such a click cost the database. Looking is enough because a case, once it exists, always does: nothing deletes one, and now nothing can (a
-- truncation already can't: it would have to take the decision log with it).
create function cases_kept() returns trigger language plpgsql as $$
begin
    raise exception 'cases are kept: the decision log speaks of them (% refused)', tg_op;
end $$;
create trigger cases_no_delete
    before delete on cases
    for each row execute function cases_kept();

alter table decision_log drop constraint decision_log_case_id_fkey;

create or replace function decision_log_unsealed() returns trigger language plpgsql as $$
begin
    -- Seen as of this statement; a case never goes, so one seen exists for as long as the row that names it.
    if new.case_id is not null and not exists (select 1 from cases where id = new.case_id) then
        raise foreign_key_violation using message = format('decision_log: case %s does not exist', new.case_id);
    end if;
    new.seq := null; new.content_digest := null; new.prev_hash := null; new.row_hash := null; new.redacted_by := null; new.redacted_digest := null;
    return new;
end $$;
