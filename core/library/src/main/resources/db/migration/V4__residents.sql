-- Residents and their adoption of digital services.
--
-- A resident is known only by a keyed HMAC of the citizen ID number (the key lives outside the
-- database) and a mask showing its last three digits: the number itself is never stored. Adoption
-- events are append-only; running counts per village × service × stage × day are kept in the same
-- transaction as every event, so indicators never scan events.

-- Units and services are never deleted (history is closed, never rewritten; a removed plugin's
-- service stays in the catalogue). A statement trigger makes that a rule, so the high-volume tables
-- below (residence, adoption_event, adoption_count) can refer to them without a per-row foreign-key
-- check: those checks cost more than the rest of a bulk import's insert.
create function caunoi_never_delete() returns trigger language plpgsql as
$$
begin
    raise exception 'rows of % are never deleted', tg_table_name using errcode = 'P0001';
end
$$;
create trigger admin_unit_never_deleted before delete or truncate on admin_unit
    for each statement execute function caunoi_never_delete();
create trigger digital_service_never_deleted before delete or truncate on digital_service
    for each statement execute function caunoi_never_delete();

create table resident (
    id             bigint generated always as identity primary key,
    citizen_hmac   bytea not null unique check (length(citizen_hmac) = 32),
    citizen_masked text not null check (citizen_masked ~ '^•{9}[0-9]{3}$'),
    birth_year     smallint not null check (birth_year between 1800 and 2999),
    sex            text not null check (sex in ('MALE', 'FEMALE')),
    household_hmac bytea check (length(household_hmac) = 32),
    created_at     timestamptz not null default now()
);

-- Where a resident lives, over time. The first interval starts at -infinity: the first known
-- village stands for the time before records began.
create table residence (
    resident_id bigint not null, -- a resident (see resident_erasure below)
    village_id  bigint not null, -- an admin_unit (never deleted)
    valid_from  date not null,
    valid_to    date,
    primary key (resident_id, valid_from),
    constraint residence_interval check (valid_to is null or valid_to > valid_from)
);
-- One current residence per resident. Intervals never overlap because core only ever ends the
-- current one where the next begins (a GiST exclusion constraint would say so too, at several times
-- the cost of every bulk insert).
create unique index residence_current on residence (resident_id) where valid_to is null;

-- A person who objected to being recorded: only the keyed HMAC stays, so that the objection is
-- honoured when the person is met again; their adoption is kept only in anonymous tallies.
create table resident_objection (
    citizen_hmac bytea primary key check (length(citizen_hmac) = 32),
    objected_on  date not null,
    recorded_at  timestamptz not null default now()
);

create table import_job (
    id             bigint generated always as identity primary key,
    kind           text not null check (kind in ('ADOPTION', 'POPULATION')),
    file_name      text not null check (length(file_name) between 1 and 300),
    file_format    text not null check (file_format in ('CSV', 'XLSX')),
    content_sha256 text not null,
    -- Defaults for rows that leave them out (an agency's list of one service and stage), and who sent it.
    parameters     jsonb not null default '{}',
    state          text not null check (state in ('RUNNING', 'INTERRUPTED', 'FAILED', 'DONE')),
    bytes_total    bigint not null default 0,
    -- How far through the file (0 to 1), rows per second and seconds left, as of the last commit.
    fraction_done  double precision not null default 0,
    rows_per_second double precision,
    eta_seconds    double precision,
    -- The last data line whose fate (committed or rejected) is committed: a re-run resumes after it.
    last_line      bigint not null default 0,
    rows_done      bigint not null default 0,
    rows_accepted  bigint not null default 0,
    rows_rejected  bigint not null default 0,
    failure        text,
    started_by     text not null,
    started_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    finished_at    timestamptz,
    unique (kind, content_sha256)
);

-- A rejected row: where and why, never the value (it may be personal data).
create table import_rejection (
    job_id      bigint not null references import_job (id),
    line        bigint not null,
    column_name text,
    code        text not null,
    reason      text not null
);
create index import_rejection_job on import_rejection (job_id, line);
create trigger import_job_never_deleted before delete or truncate on import_job
    for each statement execute function caunoi_never_delete();

-- Append-only (a trigger refuses updates and deletes, except the erasure that follows an objection).
create table adoption_event (
    id                 bigint generated always as identity primary key,
    resident_id        bigint not null, -- a resident (see resident_erasure below)
    village_id         bigint not null, -- an admin_unit (never deleted)
    service_code       text not null,   -- a digital_service (never deleted)
    stage_code         text not null,
    -- The stage's position in the funnel when recorded: counts can be recomputed without the plugin.
    stage_order        smallint not null check (stage_order >= 1),
    kind               text not null check (kind in ('REACHED', 'STEP_BACK')),
    occurred_on        date not null,
    source             text not null check (source in ('TEAM_SUPPORT', 'SELF_REPORTED', 'AGENCY_LIST')),
    team_id            bigint references team (id),
    member_id          bigint references member (id),
    import_job_id      bigint,          -- an import_job (never deleted)
    attributes         jsonb,
    client_recorded_at timestamptz,
    recorded_at        timestamptz not null default now()
);
-- The same fact twice is one event: a re-sent list changes nothing.
create unique index adoption_event_once on adoption_event (resident_id, service_code, stage_code, kind, occurred_on);
create index adoption_event_team on adoption_event (team_id) where team_id is not null;

create function caunoi_append_only() returns trigger language plpgsql as
$$
begin
    if tg_op = 'DELETE' and current_setting('caunoi.erasure', true) = 'on' then
        return old;
    end if;
    raise exception '% is append-only', tg_table_name using errcode = 'P0001';
end
$$;
create trigger adoption_event_append_only before update or delete on adoption_event
    for each row execute function caunoi_append_only();

-- A resident row is deleted only by the erasure that follows an objection, after its events and
-- residences: this trigger keeps it so, in place of per-row foreign-key checks on the two
-- high-volume tables (core only ever writes them with the id of a resident row it has just locked).
create function caunoi_resident_erasure() returns trigger language plpgsql as
$$
begin
    if exists (select 1 from adoption_event where resident_id = old.id)
       or exists (select 1 from residence where resident_id = old.id) then
        raise exception 'resident % still has events or residences', old.id using errcode = '23503';
    end if;
    return old;
end
$$;
create trigger resident_erasure before delete on resident
    for each row execute function caunoi_resident_erasure();

-- Running counts: on each day, how many residents entered and left each stage in each village. The
-- residents at a stage on a date are the sum of entered - left up to it.
create table adoption_count (
    village_id   bigint not null, -- an admin_unit (never deleted)
    service_code text not null,
    stage_code   text not null,
    day          date not null,
    entered      int not null default 0,
    "left"       int not null default 0,
    primary key (village_id, service_code, stage_code, day)
);

-- What stays of the adoption of people who objected to being recorded: the same shape, no person.
create table anonymous_adoption (
    village_id   bigint not null references admin_unit (id),
    service_code text not null,
    stage_code   text not null,
    day          date not null,
    entered      int not null default 0,
    "left"       int not null default 0,
    primary key (village_id, service_code, stage_code, day)
);

-- Population denominators per unit and year: the whole population (age_from 0, age_to null) and/or
-- age bands [age_from, age_to]; households on the whole-population row.
create table population (
    unit_id    bigint not null references admin_unit (id),
    year       smallint not null check (year between 1900 and 2999),
    age_from   smallint not null check (age_from between 0 and 150),
    age_to     smallint check (age_to between 0 and 150),
    persons    int not null check (persons >= 0),
    households int check (households >= 0),
    import_job_id bigint references import_job (id),
    constraint population_band check (age_to is null or age_to >= age_from)
);
-- A figure is one (unit, year, band); the whole population (0 to no bound) and a band 0–14 are two.
create unique index population_figure on population (unit_id, year, age_from, (coalesce(age_to, -1)));

-- Every read of person-level data: who, when, what, under which scope.
create table person_data_access (
    id          bigint generated always as identity primary key,
    actor       text not null,
    accessed_at timestamptz not null default now(),
    action      text not null,
    resident_id bigint,
    scope       text not null,
    detail      text
);
create index person_data_access_resident on person_data_access (resident_id);
-- The audit log is never changed or shortened by the application.
create trigger person_data_access_append_only before update or delete or truncate on person_data_access
    for each statement execute function caunoi_never_delete();
create index person_data_access_actor on person_data_access (actor, accessed_at);

-- The status of one resident × service after each change: the furthest stage reached since the last
-- explicit step back (a step back sets the status to its stage), placed in the village the resident
-- lived in on that day. The deltas between consecutive states are the residents' contribution to
-- adoption_count; core applies (after - before) for the residents a write touches, and the check
-- compares the sum over everyone with the table.
--
-- Planned afresh for each call (plan_cache_mode): a plan cached for a few residents would scan the
-- whole event table for a bulk import's thousands, and the other way round. Residences are found
-- by an index lookup per point, whatever the statistics say.
create function caunoi_adoption_deltas(p_residents bigint[])
    returns table (village_id bigint, service_code text, stage_code text, stage_order smallint, day date, entered int, "left" int)
    language sql stable
    set plan_cache_mode = force_custom_plan as
$$
with ev as (
    select e.resident_id, e.service_code, e.occurred_on, e.id,
           -- The order decides which stage is further; the code recorded with it is what is counted, so
           -- a plugin that later inserts a stage does not shift the counts of earlier records.
           lpad(e.stage_order::text, 5, '0') || e.stage_code as ranked,
           count(*) filter (where e.kind = 'STEP_BACK')
               over (partition by e.resident_id, e.service_code order by e.occurred_on, e.id) as grp
    from adoption_event e
    where e.resident_id = any (p_residents)
),
status as (
    select resident_id, service_code, occurred_on, id,
           max(ranked) over (partition by resident_id, service_code, grp order by occurred_on, id) as ranked
    from ev
),
daily as materialized (
    select distinct on (resident_id, service_code, occurred_on) resident_id, service_code, occurred_on as day, ranked
    from status
    order by resident_id, service_code, occurred_on, id desc
),
moves as (
    select m.resident_id, m.service_code, m.day,
           (select d2.ranked from daily d2
            where d2.resident_id = m.resident_id and d2.service_code = m.service_code and d2.day <= m.day
            order by d2.day desc limit 1) as ranked
    from (
        select f.resident_id, f.service_code, r.valid_from as day
        from (select resident_id, service_code, min(day) as first_day from daily group by 1, 2) f
        join residence r on r.resident_id = f.resident_id and r.valid_from > f.first_day
        except
        select resident_id, service_code, day from daily
    ) m
),
points as (
    select p.resident_id, p.service_code, p.day, p.ranked, r.village_id
    from (select * from daily union all select * from moves) p
    cross join lateral (
        select h.village_id from residence h
        where h.resident_id = p.resident_id and h.valid_from <= p.day
        order by h.valid_from desc limit 1
    ) r
),
changes as (
    select *, lag(village_id) over w as prev_village, lag(ranked) over w as prev_ranked
    from points
    window w as (partition by resident_id, service_code order by day)
)
select village_id, service_code, substr(ranked, 6), substr(ranked, 1, 5)::smallint, day, 1, 0 from changes
where prev_village is null or prev_village <> village_id or prev_ranked <> ranked
union all
select prev_village, service_code, substr(prev_ranked, 6), substr(prev_ranked, 1, 5)::smallint, day, 0, 1 from changes
where prev_village is not null and (prev_village <> village_id or prev_ranked <> ranked)
$$;
