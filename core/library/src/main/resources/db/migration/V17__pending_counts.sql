-- Counts an import has made and not yet folded into the running counts. A chunk of a large list
-- upserts a count row for nearly every village and day it names, and changes the monthly levels of
-- nearly every village from its earliest month up to the horizon: done at every chunk, that rewrote
-- the daily counts' index all over and the whole monthly table ten times for a list of a million
-- rows. An import appends each chunk's net changes here instead, in the chunk's transaction, and
-- folds them into adoption_count and adoption_month once, at the end of the job (a job that stopped
-- early leaves them to the next import's end).
--
-- A reader adds these rows to the stored counts: a daily change to its day, a monthly change to its
-- own month and every later one up to the horizon (as a carried level would). The counts therefore
-- stay exact at every commit, whichever table holds a chunk's changes. Rows are only appended
-- (several per key) and deleted by the fold that applies them: no key, no index to keep up. Every
-- other write (a field worker's record, an objection, an erasure) still writes the counts directly.
create table adoption_count_pending (
    village_id   bigint not null,
    service_code text not null,
    stage_code   text not null,
    day          date not null,
    entered      int not null,
    "left"       int not null
);

create table adoption_month_pending (
    service_code text not null,
    village_id   bigint not null,
    stage_code   text not null,
    month        date not null check (extract(day from month) = 1),
    delta        int not null
);

-- The daily counts as a reader sees them: stored and pending, one row per key.
create view adoption_count_now as
select village_id, service_code, stage_code, day, sum(entered)::int as entered, sum("left")::int as "left"
from (
    select village_id, service_code, stage_code, day, entered, "left" from adoption_count
    union all
    select village_id, service_code, stage_code, day, entered, "left" from adoption_count_pending
) c
group by village_id, service_code, stage_code, day;

-- The monthly levels recomputed from the daily counts, pending ones included: what adoption_month
-- and adoption_month_pending must hold together.
create or replace function caunoi_recomputed_adoption_months()
    returns table (service_code text, month date, village_id bigint, stage_code text, level int)
    language sql stable as
$$
select r.service_code, r.month, r.village_id, r.stage_code, r.level from (
    select c.service_code, g.month::date as month, c.village_id, c.stage_code,
           (sum(coalesce(x.delta, 0)) over (partition by c.service_code, c.village_id, c.stage_code order by g.month))::int as level
    from (select a.service_code, a.village_id, a.stage_code, min(a.day) as first_day
          from adoption_count_now a group by 1, 2, 3) c
    cross join lateral generate_series(date_trunc('month', c.first_day), (select h.month from adoption_horizon h),
                                       interval '1 month') g(month)
    left join (select a.service_code, a.village_id, a.stage_code, date_trunc('month', a.day) as month,
                      sum(a.entered - a."left") as delta
               from adoption_count_now a group by 1, 2, 3, 4) x
      on x.service_code = c.service_code and x.village_id = c.village_id and x.stage_code = c.stage_code and x.month = g.month
) r
where r.level <> 0
$$;

-- A rebuild recomputes every level from the daily counts: the pending monthly changes are in them.
create or replace function caunoi_rebuild_adoption_months() returns void language plpgsql as
$$
begin
    perform 1 from adoption_horizon for update;
    delete from adoption_month;
    delete from adoption_month_pending;
    update adoption_horizon set month = (select date_trunc('month', max(day))::date from adoption_count_now);
    insert into adoption_month (service_code, month, village_id, stage_code, level)
    select * from caunoi_recomputed_adoption_months();
end
$$;
