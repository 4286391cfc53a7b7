-- Scope checks and placements by join instead of by a recursive function per row.
--
-- caunoi_in_scope walked up the hierarchy once for every row it was asked about: a page of 100 teams
-- with 1,000 memberships called it 1,115 times (60 ms of a 100 ms request). The closure below holds,
-- for every unit, each of its ancestors and the period in which the chain of parent links between
-- them held, so that "does this fact lie in the scope on its date" is one index probe that a
-- statement joins for all its rows. The placement table does the same for caunoi_place_on: where a
-- fact recorded against a unit that no longer (or not yet) existed falls on the map of a date, which
-- every team list and indicator asks for each of its rows. Both are derived data: rebuilt, once per
-- transaction at commit, whenever units, parent links or change links change (rare: imports of
-- unit lists and reorganisations).

-- (ancestor_id, unit_id, valid_from, valid_to): on every day of [valid_from, valid_to) a chain of
-- parent links led from unit_id up to ancestor_id. A unit is its own ancestor on every day (depth 0,
-- as in caunoi_ancestors): a fact recorded against a unit of the scope stays in the scope.
create table admin_unit_closure (
    ancestor_id bigint not null references admin_unit (id),
    unit_id     bigint not null references admin_unit (id),
    valid_from  date not null,
    valid_to    date,
    depth       int not null
);
create index admin_unit_closure_unit on admin_unit_closure (unit_id, ancestor_id, valid_from);
create index admin_unit_closure_ancestor on admin_unit_closure (ancestor_id);

-- (unit_id, valid_from, valid_to, placed_id): on every day of [valid_from, valid_to), outside the
-- unit's own life, a fact recorded against unit_id falls in placed_id (null: in no unit). What
-- caunoi_unit_on and caunoi_unit_before answer depends on the date only through comparisons with
-- the units' start and end dates, so it is constant between two consecutive such dates: computed
-- once per unit and interval here instead of once per row and query.
create table admin_unit_placement (
    unit_id    bigint not null references admin_unit (id),
    valid_from date not null,
    valid_to   date,
    placed_id  bigint references admin_unit (id)
);
create index admin_unit_placement_unit on admin_unit_placement (unit_id, valid_from);

create function caunoi_rebuild_unit_closure() returns void language plpgsql as
$$
begin
    -- Two transactions that both changed the hierarchy rebuild one after the other, each from what
    -- the other committed.
    lock table admin_unit_closure, admin_unit_placement in share row exclusive mode;
    delete from admin_unit_placement;
    insert into admin_unit_placement (unit_id, valid_from, valid_to, placed_id)
    with bounds(d) as (
        select valid_from from admin_unit union select valid_to from admin_unit where valid_to is not null
    ),
    after_end as (
        select u.id, b.d as valid_from, lead(b.d) over (partition by u.id order by b.d) as valid_to
        from admin_unit u join bounds b on b.d >= u.valid_to
        where u.valid_to is not null
    ),
    before_start as (
        select u.id, coalesce(lag(b.d) over (partition by u.id order by b.d), '-infinity'::date) as valid_from, b.d as valid_to
        from admin_unit u join bounds b on b.d <= u.valid_from
    )
    select id, valid_from, valid_to, caunoi_unit_on(id, valid_from) from after_end
    union all
    select id, valid_from, valid_to, caunoi_unit_before(id, valid_from) from before_start where valid_from < valid_to;

    delete from admin_unit_closure;
    insert into admin_unit_closure (ancestor_id, unit_id, valid_from, valid_to, depth)
    with recursive down(ancestor_id, unit_id, valid_from, valid_to, depth) as (
        select u.id, u.id, '-infinity'::date, null::date, 0 from admin_unit u
        union all
        select d.ancestor_id, p.unit_id, greatest(d.valid_from, p.valid_from),
               case when d.valid_to is null then p.valid_to
                    when p.valid_to is null then d.valid_to
                    else least(d.valid_to, p.valid_to) end,
               d.depth + 1
        from down d
        join admin_unit_parent p on p.parent_id = d.unit_id
            and (d.valid_to is null or p.valid_from < d.valid_to)
            and (p.valid_to is null or p.valid_to > d.valid_from)
        where d.depth < 10
    )
    select ancestor_id, unit_id, valid_from, valid_to, depth from down;
end
$$;

-- Queued by every row written to admin_unit or admin_unit_parent and run at commit: the first one
-- of a transaction rebuilds from the transaction's final state, the others find it done.
create function caunoi_unit_closure_stale() returns trigger language plpgsql as
$$
begin
    if current_setting('caunoi.unit_closure_built', true) is distinct from txid_current()::text then
        perform caunoi_rebuild_unit_closure();
        perform set_config('caunoi.unit_closure_built', txid_current()::text, true);
    end if;
    return null;
end
$$;

create constraint trigger admin_unit_closure_units after insert or delete on admin_unit
    deferrable initially deferred for each row execute function caunoi_unit_closure_stale();
create constraint trigger admin_unit_closure_links after insert or update or delete on admin_unit_parent
    deferrable initially deferred for each row execute function caunoi_unit_closure_stale();
create constraint trigger admin_unit_closure_changes after insert or update or delete on unit_change
    deferrable initially deferred for each row execute function caunoi_unit_closure_stale();
create constraint trigger admin_unit_closure_dates after update of valid_from, valid_to on admin_unit
    deferrable initially deferred for each row execute function caunoi_unit_closure_stale();

select caunoi_rebuild_unit_closure();

-- The unit a fact recorded against p_unit falls in on the map of p_date: itself while valid, else
-- from the placement table (same answers as the recursive walk of V5, one index probe).
create or replace function caunoi_place_on(p_unit bigint, p_date date)
    returns bigint
    language sql stable as
$$
select case when u.valid_from <= p_date and (u.valid_to is null or u.valid_to > p_date) then u.id
            else (select pl.placed_id from admin_unit_placement pl
                  where pl.unit_id = u.id and pl.valid_from <= p_date and (pl.valid_to is null or pl.valid_to > p_date)) end
from admin_unit u where u.id = p_unit
$$;

-- The teams that exist on a date, each with the unit it works in on the map of that date (as in V3,
-- the successor of a unit that ended, from the placement table).
create or replace function caunoi_teams_on(p_date date)
    returns table (team_id bigint, level text, area bigint)
    language sql stable as
$$
select t.id, t.level,
       case when u.valid_from <= p_date and (u.valid_to is null or u.valid_to > p_date) then u.id
            when u.valid_to <= p_date then pl.placed_id end
from team t
join admin_unit u on u.id = t.unit_id
left join admin_unit_placement pl on pl.unit_id = u.id and u.valid_to <= p_date
    and pl.valid_from <= p_date and (pl.valid_to is null or pl.valid_to > p_date)
where t.established_on <= p_date and (t.dissolved_on is null or t.dissolved_on > p_date)
$$;

-- Replaced by the closure (vn/caunoi/core/store/ScopeSql.xml; AccessMapper.xml for the intervals).
drop function caunoi_in_scope(bigint, date, bigint[]);
drop function caunoi_scope_intervals(bigint[]);
