-- The outbox is dispatched concurrently, one message per lane at a time: a lane is one Teams conversation (or one case's
-- card copies, or one case's publication), so a slow or throttled conversation holds up nobody else's. Pools keep
-- publication and paging apart from Teams sends, so neither can take every worker from the other.
alter table outbox add column lane text;
alter table outbox add column pool text not null default 'chat';
update outbox set
    pool = case when kind like 'chat.%' then 'chat' else 'other' end,
    lane = case
        when kind = 'chat.case_card_update' then 'case:' || case_id
        when kind like 'chat.%' then 'chat:' || coalesce(recipient, id::text)
        else kind || ':' || coalesce(case_id::text, recipient, id::text)
    end
 where done_at is null and failed_at is null;
update outbox set lane = 'done:' || id where lane is null;
alter table outbox alter column lane set not null;

drop index outbox_due_idx;
create index outbox_due_idx on outbox (pool, due_at, id) where done_at is null and failed_at is null;
-- "Is anything in this lane being worked on?": only leased rows are indexed, so the check stays small under a backlog.
create index outbox_leased_lane_idx on outbox (lane) where leased_until is not null and done_at is null and failed_at is null;

-- Wakes every instance's dispatcher the moment a message is committed (NOTIFY is delivered at commit, and only then),
-- instead of each waiting for its next poll. One notification per transaction and pool: identical payloads are merged.
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox', pool) from (select distinct pool from inserted) p;
    return null;
end $$;
create trigger outbox_notify after insert on outbox referencing new table as inserted
    for each statement execute function outbox_notify();

-- Teams' limits hold for the app as a whole, whichever instance sends: every send first reserves its place here. Each
-- budget keeps the times of its recent sends (sorted; a reservation may be slightly in the future); a send at t is
-- allowed while fewer than the limit fall within the window either side of t, which bounds every sliding window.
create table send_budget (
    key text primary key,
    sent timestamptz[] not null default '{}'
);

-- Reserves the earliest moment, no later than now + p_max_wait, at which one more send fits every budget named
-- (p_keys[i] allows p_limits[i] sends in any p_windows[i]); returns how long to wait for it. When no moment that soon
-- fits, nothing is reserved and the answer is the (negated) wait until one might: the caller reschedules the message.
-- Times are the database's, so every instance counts against one clock.
create function reserve_send(p_keys text[], p_limits int[], p_windows interval[], p_max_wait interval) returns interval
language plpgsql as $$
declare
    v_now timestamptz := clock_timestamp();
    v_at timestamptz := v_now;
    v_moved boolean := true;
    v_sent timestamptz[];
    v_near timestamptz[];
    v_next timestamptz;
    i int;
begin
    insert into send_budget (key) select unnest(p_keys) on conflict do nothing;
    -- One order for every caller, so two sends sharing budgets can't deadlock.
    perform 1 from send_budget where key = any (p_keys) order by key for update;
    -- Move the candidate forward until no budget objects; each pass only moves it later, so this ends.
    while v_moved loop
        v_moved := false;
        for i in 1 .. array_length(p_keys, 1) loop
            select sent into v_sent from send_budget where key = p_keys[i];
            select array_agg(s order by s) into v_near from unnest(v_sent) s
             where s > v_at - p_windows[i] and s < v_at + p_windows[i];
            if coalesce(array_length(v_near, 1), 0) >= p_limits[i] then
                -- Past the earliest of the sends near it: one fewer is then within its window behind.
                v_next := v_near[1] + p_windows[i];
                if v_next <= v_at then v_next := v_at + interval '1 millisecond'; end if;
                v_at := v_next;
                v_moved := true;
            end if;
        end loop;
        if v_at - v_now > p_max_wait then
            return v_now - v_at;
        end if;
    end loop;
    update send_budget b
       set sent = (select array_agg(s order by s)
                     from (select s from unnest(b.sent) s where s > v_now - p_windows[array_position(p_keys, b.key)]
                           union all select v_at) kept)
     where key = any (p_keys);
    return v_at - v_now;
end $$;
