-- One live "cover me" per shift: asking twice must not let two people both think they're covering it.
create unique index swap_requests_live_uq on swap_requests (layer, requester_id, starts_at) where status in ('Open', 'Taken');
