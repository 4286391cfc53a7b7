-- Who may see and change what: users, their role and the units they may act on.
--
-- A user is known by the subject of the tokens its identity provider signs (the JWT "sub"). Role
-- and scope are kept here, not in the token, and read on every request: a transfer or a removal
-- takes effect on the next request, not when a token expires.

create table app_user (
    id           bigint generated always as identity primary key,
    subject      text not null unique check (length(subject) between 1 and 200),
    display_name text not null check (length(display_name) between 1 and 200),
    role         text not null check (role in ('PROVINCE_ADMIN', 'COMMUNE_OFFICER', 'TEAM_MEMBER', 'VIEWER')),
    -- The whole country: the operator's first administrator, or a national body.
    all_units    boolean not null default false,
    -- A team member is one of the members of the teams (member), so that what she records is hers.
    member_id    bigint references member (id),
    active       boolean not null default true,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    updated_by   text not null,
    constraint app_user_member check (role <> 'TEAM_MEMBER' or member_id is not null)
);

-- The units a user may act on: each with everything under it, on the date of the data. Units are
-- identities, not codes: scope 12622 is Xã Tân Hòa of Hưng Hà, never a unit whose code starts
-- with 12622, and not Xã Ngự Thiên after the merger unless it is assigned too.
create table app_user_scope (
    user_id bigint not null references app_user (id),
    unit_id bigint not null references admin_unit (id),
    primary key (user_id, unit_id)
);

-- Whether a fact recorded under a unit lies in a scope on a date: the unit, placed on the map of
-- that date (its successor or predecessor when it did not exist then), or one of its ancestors on
-- that date is one of the scope's units. A null scope is everything (the system, a national user).
create function caunoi_in_scope(p_unit bigint, p_date date, p_scope bigint[])
    returns boolean
    language sql stable as
$$
select p_scope is null
    or p_unit = any(p_scope) and exists (select 1 from admin_unit u where u.id = p_unit
                                         and u.valid_from <= p_date and (u.valid_to is null or u.valid_to > p_date))
    or exists (select 1 from caunoi_ancestors(coalesce(caunoi_place_on(p_unit, p_date), p_unit), p_date) a
               where a.unit_id = any(p_scope))
$$;

-- The periods in which each unit lay under one of the roots: for checking, in memory, the rows of
-- a bulk import against the importer's scope (a village moves between communes over time).
create function caunoi_scope_intervals(p_roots bigint[])
    returns table (unit_id bigint, valid_from date, valid_to date)
    language sql stable as
$$
with recursive down(unit_id, valid_from, valid_to, depth) as (
    select u.id, u.valid_from, u.valid_to, 0 from admin_unit u where u.id = any(p_roots)
    union all
    select p.unit_id, greatest(d.valid_from, p.valid_from),
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
select unit_id, valid_from, valid_to from down
$$;

-- Audit rows say where the person lived when read, so that a province's administrators see the
-- reads of their residents and not another province's.
alter table person_data_access add column village_id bigint;
create index person_data_access_village on person_data_access (village_id);
