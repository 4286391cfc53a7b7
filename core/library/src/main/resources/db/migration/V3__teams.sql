-- Community digital technology teams (tổ công nghệ số cộng đồng): teams, members, memberships,
-- what they do (support activities, trainings, campaigns, residents' feedback), and the
-- idempotency keys that make every retryable create safe to resend.

-- The unit a fact was recorded against, on a later date: itself while valid, else its successor
-- (following the change links; through a split, the part that kept its code, else the full share,
-- else the lowest code). Teams and activities keep the unit they were recorded under; this
-- function places them on the map of any date.
create function caunoi_unit_on(p_unit bigint, p_date date)
    returns bigint
    language sql stable as
$$
with recursive chain(unit_id, depth) as (
    select p_unit, 0
    union all
    select next.to_unit_id, chain.depth + 1
    from chain
    join admin_unit u on u.id = chain.unit_id
    cross join lateral (
        select c.to_unit_id
        from unit_change c
        join admin_unit t on t.id = c.to_unit_id
        where c.from_unit_id = chain.unit_id and c.to_unit_id <> chain.unit_id
        order by (t.code = u.code) desc, (c.share = 'FULL') desc, t.code
        limit 1
    ) next
    where u.valid_to is not null and u.valid_to <= p_date and chain.depth < 10
)
select c.unit_id
from chain c join admin_unit u on u.id = c.unit_id
where u.valid_from <= p_date and (u.valid_to is null or u.valid_to > p_date)
order by c.depth desc
limit 1
$$;

create table team (
    id             bigint generated always as identity primary key,
    unit_id        bigint not null references admin_unit (id),
    level          text not null check (level in ('COMMUNE', 'VILLAGE')),
    name           text not null check (length(name) between 1 and 200),
    established_on date not null,
    dissolved_on   date,
    created_at     timestamptz not null default now(),
    constraint team_interval check (dissolved_on is null or dissolved_on > established_on)
);
create index team_unit on team (unit_id);

-- Status over time: ACTIVE from establishment; suspensions and reactivations; DISSOLVED at the end.
create table team_status (
    team_id      bigint not null references team (id),
    status       text not null check (status in ('ACTIVE', 'SUSPENDED', 'DISSOLVED')),
    effective_on date not null,
    reason       text check (length(reason) <= 500),
    primary key (team_id, effective_on)
);

create table member (
    id             bigint generated always as identity primary key,
    full_name      text not null check (length(full_name) between 1 and 200),
    affiliation    text not null check (affiliation in ('COMMUNE_LEADERSHIP', 'PARTY_CELL', 'WOMENS_UNION', 'YOUTH_UNION',
                       'FARMERS_ASSOCIATION', 'VETERANS_ASSOCIATION', 'POLICE', 'TEACHER', 'HEALTH_WORKER',
                       'POST_TELECOM', 'VOLUNTEER', 'OTHER')),
    -- A phone number is personal data: stored encrypted (AES-GCM, key outside the database) and as a mask.
    phone_cipher   bytea,
    phone_masked   text,
    created_at     timestamptz not null default now()
);

create table membership (
    id         bigint generated always as identity primary key,
    member_id  bigint not null references member (id),
    team_id    bigint not null references team (id),
    role       text not null check (role in ('LEADER', 'DEPUTY', 'MEMBER')),
    valid_from date not null,
    valid_to   date,
    constraint membership_interval check (valid_to is null or valid_to > valid_from),
    -- One person is in a team once at a time (and may be in several teams).
    constraint membership_once exclude using gist (member_id with =, team_id with =, daterange(valid_from, valid_to) with &&)
);
create index membership_team on membership (team_id, valid_from);
create index membership_member on membership (member_id);

create table campaign (
    id        bigint generated always as identity primary key,
    name      text not null check (length(name) between 1 and 200),
    starts_on date not null,
    ends_on   date not null,
    created_at timestamptz not null default now(),
    constraint campaign_interval check (ends_on >= starts_on)
);

create table campaign_unit (
    campaign_id bigint not null references campaign (id),
    unit_id     bigint not null references admin_unit (id),
    primary key (campaign_id, unit_id)
);

create table support_activity (
    id            bigint generated always as identity primary key,
    team_id       bigint not null references team (id),
    member_id     bigint references member (id),
    unit_id       bigint not null references admin_unit (id),
    place_kind    text not null check (place_kind in ('VILLAGE', 'WORKPLACE', 'PUBLIC_PLACE', 'COMMUNE_HALL', 'ONLINE')),
    place_name    text check (length(place_name) <= 200),
    channel       text not null check (channel in ('DOOR_TO_DOOR', 'WORKPLACE', 'EVENT', 'ONLINE')),
    occurred_on   date not null,
    service_code  text not null references digital_service (code),
    stage_code    text not null,
    people        int not null check (people between 1 and 100000),
    campaign_id   bigint references campaign (id),
    note          text check (length(note) <= 1000),
    created_at    timestamptz not null default now()
);
create index support_activity_team on support_activity (team_id, occurred_on);
create index support_activity_date on support_activity (occurred_on);
create index support_activity_campaign on support_activity (campaign_id);

create table training (
    id             bigint generated always as identity primary key,
    title          text not null check (length(title) between 1 and 300),
    organiser_kind text not null check (organiser_kind in ('PROVINCIAL_DEPARTMENT', 'DISTRICT', 'COMMUNE', 'TELECOM_ENTERPRISE', 'POSTAL_ENTERPRISE')),
    organiser_name text not null check (length(organiser_name) between 1 and 200),
    mode           text not null check (mode in ('IN_PERSON', 'ONLINE')),
    topics         text[] not null check (cardinality(topics) >= 1),
    held_on        date not null,
    unit_id        bigint not null references admin_unit (id),
    created_at     timestamptz not null default now()
);
create index training_date on training (held_on);

create table training_attendance (
    training_id bigint not null references training (id),
    member_id   bigint not null references member (id),
    primary key (training_id, member_id)
);
create index training_attendance_member on training_attendance (member_id);

create table feedback (
    id          bigint generated always as identity primary key,
    team_id     bigint references team (id),
    unit_id     bigint not null references admin_unit (id),
    topic       text not null check (topic in ('DIGITAL_SERVICES', 'CONNECTIVITY', 'DEVICES', 'ONLINE_PUBLIC_SERVICES',
                    'PAYMENTS', 'SECURITY_FRAUD', 'OTHER')),
    body        text not null check (length(body) between 1 and 2000),
    received_on date not null,
    status      text not null check (status in ('OPEN', 'FORWARDED', 'ANSWERED')),
    status_on   date not null,
    created_at  timestamptz not null default now()
);
create index feedback_date on feedback (received_on);

-- A create that a field worker's phone may resend: the first request with a key writes, later ones
-- with the same key and the same payload get the first result, another payload is refused.
create table idempotency_key (
    operation    text not null,
    key          text not null check (length(key) between 8 and 200),
    request_hash text not null,
    result_id    bigint,
    created_at   timestamptz not null default now(),
    primary key (operation, key)
);

-- The teams that exist on a date, each with the unit it works in on the map of that date.
create function caunoi_teams_on(p_date date)
    returns table (team_id bigint, level text, area bigint)
    language sql stable as
$$
select t.id, t.level,
       case when u.valid_from <= p_date and (u.valid_to is null or u.valid_to > p_date) then u.id
            else caunoi_unit_on(u.id, p_date) end
from team t
join admin_unit u on u.id = t.unit_id
where t.established_on <= p_date and (t.dissolved_on is null or t.dissolved_on > p_date)
$$;

-- The unit a fact recorded against p_unit falls in on the map of p_date (cheap when nothing changed).
create function caunoi_place_on(p_unit bigint, p_date date)
    returns bigint
    language sql stable as
$$
select case when u.valid_from <= p_date and (u.valid_to is null or u.valid_to > p_date) then u.id
            else caunoi_unit_on(u.id, p_date) end
from admin_unit u where u.id = p_unit
$$;
