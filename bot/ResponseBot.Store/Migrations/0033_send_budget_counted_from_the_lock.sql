-- A reservation's "now" is read once its budgets are locked, not before: a call that queued behind another's reservation
-- (or behind a busy server) was placed at the moment it started waiting, earlier than it could be sent, so the sends it
-- was counted against were closer on the wire than in the budget.
create or replace function reserve_send(p_keys text[], p_limits int[], p_windows interval[], p_max_wait interval) returns interval
language plpgsql as $$
declare
    v_now timestamptz;
    v_at timestamptz;
    v_moved boolean := true;
    v_sent timestamptz[];
    v_near timestamptz[];
    v_next timestamptz;
    i int;
begin
    insert into send_budget (key) select unnest(p_keys) on conflict do nothing;
    -- One order for every caller, so two sends sharing budgets can't deadlock.
    perform 1 from send_budget where key = any (p_keys) order by key for update;
    v_now := clock_timestamp();
    v_at := v_now;
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
