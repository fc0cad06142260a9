-- The sealer gives a batch of rows their places in the chain with one update, not one update per row. Under a flood of
-- mentions every one logs its arrival, and an update statement per row (a plan run, an index probe and its own tuple
-- each time) made sealing as costly in the database as storing the mentions themselves. The chain is built exactly as
-- before: the same order, the same places, the same hashes.
create or replace function decision_log_seal_pending(p_max integer, p_wait boolean) returns integer
language plpgsql security definer set search_path = public, pg_temp as $$
declare
    head record;
    r decision_log;
    prev bytea;
    place bigint;
    ids bigint[] := '{}';
    places bigint[] := '{}';
    prevs bytea[] := '{}';
    digests bytea[] := '{}';
    hashes bytea[] := '{}';
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
        ids := ids || r.id;
        places := places || place;
        prevs := prevs || prev;
        digests := digests || r.content_digest;
        prev := decision_log_row_hash(prev, r);
        hashes := hashes || prev;
    end loop;
    update decision_log d
       set seq = u.seq, prev_hash = u.prev_hash, content_digest = u.content_digest, row_hash = u.row_hash
      from unnest(ids, places, prevs, digests, hashes) as u(id, seq, prev_hash, content_digest, row_hash)
     where d.id = u.id;
    return cardinality(ids);
end $$;
