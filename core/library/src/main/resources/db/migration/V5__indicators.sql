-- Indicators: monthly levels beside the daily running counts, adoption targets, and facts placed on
-- the map of a date before their unit existed.

-- How many residents were at each stage at the end of each month, per village and service: the
-- daily counts (adoption_count) summed from the start up to the month's end. A dashboard reads one
-- row per village and stage instead of every day since records began, so its cost does not grow
-- with the number of events. Kept in the transaction of every write, from the same deltas as the
-- daily counts: a delta on a day adds to its month and to every later month up to the horizon
-- (adoption_horizon: the latest month any count reaches). A missing row means a level of 0.
create table adoption_month (
    service_code text not null,
    month        date not null check (extract(day from month) = 1),
    village_id   bigint not null, -- an admin_unit (never deleted)
    stage_code   text not null,
    level        int not null,
    primary key (service_code, month, village_id, stage_code)
);

create table adoption_horizon (
    only_row boolean primary key default true check (only_row),
    month    date check (month is null or extract(day from month) = 1)
);
insert into adoption_horizon (month) values (null);

-- Makes sure the monthly levels reach the month of p_day and returns the horizon. Every write of
-- counts calls it first in its transaction: the row lock it takes in share mode keeps the horizon
-- still until the write commits; moving the horizon on (once a month) takes it exclusively, so it
-- waits for the writes in flight and copies their levels forward.
create function caunoi_adoption_horizon(p_day date) returns date language plpgsql as
$$
declare
    wanted date := date_trunc('month', p_day)::date;
    h date;
begin
    if p_day is null then
        select month into h from adoption_horizon for share;
        return h;
    end if;
    select month into h from adoption_horizon for share;
    if h is not null and h >= wanted then
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

-- The monthly levels recomputed from the daily counts: what adoption_month must hold.
create function caunoi_recomputed_adoption_months()
    returns table (service_code text, month date, village_id bigint, stage_code text, level int)
    language sql stable as
$$
select r.service_code, r.month, r.village_id, r.stage_code, r.level from (
    select c.service_code, g.month::date as month, c.village_id, c.stage_code,
           (sum(coalesce(x.delta, 0)) over (partition by c.service_code, c.village_id, c.stage_code order by g.month))::int as level
    from (select a.service_code, a.village_id, a.stage_code, min(a.day) as first_day
          from adoption_count a group by 1, 2, 3) c
    cross join lateral generate_series(date_trunc('month', c.first_day), (select h.month from adoption_horizon h),
                                       interval '1 month') g(month)
    left join (select a.service_code, a.village_id, a.stage_code, date_trunc('month', a.day) as month,
                      sum(a.entered - a."left") as delta
               from adoption_count a group by 1, 2, 3, 4) x
      on x.service_code = c.service_code and x.village_id = c.village_id and x.stage_code = c.stage_code and x.month = g.month
) r
where r.level <> 0
$$;

-- Rebuilds the monthly levels from the daily counts (this migration; a repair after a bulk load
-- written straight into adoption_count, as the benchmark does).
create function caunoi_rebuild_adoption_months() returns void language plpgsql as
$$
begin
    perform 1 from adoption_horizon for update;
    delete from adoption_month;
    update adoption_horizon set month = (select date_trunc('month', max(day))::date from adoption_count);
    insert into adoption_month (service_code, month, village_id, stage_code, level)
    select * from caunoi_recomputed_adoption_months();
end
$$;

select caunoi_rebuild_adoption_months();

-- The unit a fact recorded against p_unit falls in on the map of p_date: itself while valid; after
-- it ended, its successor (caunoi_unit_on); before it existed, its predecessor (caunoi_unit_before).
create function caunoi_unit_before(p_unit bigint, p_date date)
    returns bigint
    language sql stable as
$$
with recursive chain(unit_id, depth) as (
    select p_unit, 0
    union all
    select prev.from_unit_id, chain.depth + 1
    from chain
    join admin_unit u on u.id = chain.unit_id
    cross join lateral (
        -- The predecessor that had its code, else the one that gave it its whole territory, else the lowest code.
        select c.from_unit_id
        from unit_change c
        join admin_unit f on f.id = c.from_unit_id
        where c.to_unit_id = chain.unit_id and c.from_unit_id <> chain.unit_id
        order by (f.code = u.code) desc, (c.share = 'FULL') desc, f.code
        limit 1
    ) prev
    where u.valid_from > p_date and chain.depth < 10
)
select c.unit_id
from chain c join admin_unit u on u.id = c.unit_id
where u.valid_from <= p_date and (u.valid_to is null or u.valid_to > p_date)
order by c.depth desc
limit 1
$$;

create or replace function caunoi_place_on(p_unit bigint, p_date date)
    returns bigint
    language sql stable as
$$
select case when u.valid_from <= p_date and (u.valid_to is null or u.valid_to > p_date) then u.id
            when u.valid_from > p_date then caunoi_unit_before(u.id, p_date)
            else caunoi_unit_on(u.id, p_date) end
from admin_unit u where u.id = p_unit
$$;

-- Units not valid on a date are few; indicator queries place their facts one by one.
create index admin_unit_ended on admin_unit (level, valid_to) where valid_to is not null;
create index admin_unit_started on admin_unit (level, valid_from);

-- Targets: a share of the eligible population to reach at a stage of a service by a date (a
-- province's resolution). A target belongs to its unit; units without one take their nearest
-- ancestor's on the map asked for.
create table adoption_target (
    id            bigint generated always as identity primary key,
    unit_id       bigint not null references admin_unit (id),
    service_code  text not null references digital_service (code),
    stage_code    text not null,
    due_on        date not null,
    rate          numeric(7, 6) not null check (rate > 0 and rate <= 1),
    basis         text check (length(basis) <= 300),
    import_job_id bigint,
    set_by        text not null,
    set_at        timestamptz not null default now(),
    unique (unit_id, service_code, stage_code, due_on)
);

alter table import_job drop constraint import_job_kind_check;
alter table import_job add constraint import_job_kind_check check (kind in ('ADOPTION', 'POPULATION', 'TARGET'));

-- Team scorecards count the adoptions a team recorded in a period.
drop index adoption_event_team;
create index adoption_event_team on adoption_event (team_id, occurred_on) where team_id is not null;
