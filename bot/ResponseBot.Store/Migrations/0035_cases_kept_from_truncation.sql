-- Without the decision log's foreign key, a truncation of cases no longer has to take the log with it (which the log's own
-- trigger refuses): it is refused here as a deletion is. And the log's check of its case names the table in full, so a
-- session's temporary table called "cases" can't stand in for it.
create trigger cases_no_truncate
    before truncate on cases
    for each statement execute function cases_kept();

create or replace function decision_log_unsealed() returns trigger language plpgsql as $$
begin
    -- Seen as of this statement; a case never goes, so one seen exists for as long as the row that names it.
    if new.case_id is not null and not exists (select 1 from public.cases where id = new.case_id) then
        raise foreign_key_violation using message = format('decision_log: case %s does not exist', new.case_id);
    end if;
    new.seq := null; new.content_digest := null; new.prev_hash := null; new.row_hash := null; new.redacted_by := null; new.redacted_digest := null;
    return new;
end $$;
