-- Two writers that were both first to need a new month deadlocked: each took the horizon row in
-- share mode, then both asked for it exclusively (a lock upgrade). Now the horizon is read without
-- a lock first; a writer that must move it asks for the exclusive lock straight away, so no
-- transaction ever upgrades a share lock it took here. The horizon only moves forward, so a plain
-- read at or beyond the month wanted stays true; the share lock then keeps it still until commit.
create or replace function caunoi_adoption_horizon(p_day date) returns date language plpgsql as
$$
declare
    wanted date := date_trunc('month', p_day)::date;
    h date;
begin
    if p_day is not null then
        select month into h from adoption_horizon;
    end if;
    if p_day is null or (h is not null and h >= wanted) then
        select month into h from adoption_horizon for share;
        return h;
    end if;
    select month into h from adoption_horizon for update;
    if h is not null and h >= wanted then
        return h;
    end if;
    if h is not null then
        insert into adoption_month (service_code, month, village_id, stage_code, level)
        select m.service_code, g.month::date, m.village_id, m.stage_code, m.level
        from adoption_month m
        cross join generate_series(h + interval '1 month', wanted, interval '1 month') g(month)
        where m.month = h and m.level <> 0;
    end if;
    update adoption_horizon set month = wanted;
    return wanted;
end
$$;
