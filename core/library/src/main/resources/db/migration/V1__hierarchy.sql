-- The administrative hierarchy over time.
--
-- A row of admin_unit is one unit with fixed attributes (code, name, kind, level) over one validity
-- interval [valid_from, valid_to); valid_to is null while the unit still exists. A rename or a merger
-- ends a row and starts another: history is closed, never rewritten. The parent of a unit can change
-- while the unit stays the same (villages follow their commune through mergers), so it lives in its
-- own interval table.

create extension if not exists btree_gist;

create table admin_unit (
    id          bigint generated always as identity primary key,
    level       text not null check (level in ('PROVINCE', 'DISTRICT', 'COMMUNE', 'VILLAGE')),
    code        text not null check (code ~ '^[0-9]+(\.[0-9]+)?$'),
    name        text not null check (length(name) between 1 and 200),
    kind        text not null check (length(kind) between 1 and 40),
    valid_from  date not null,
    valid_to    date,
    -- Search keys computed by core (VietnameseText): folded = lower case without diacritics, đ → d;
    -- exact = lower case with the tone mark placed the modern way ("hoà" → "hòa").
    folded_name text not null,
    folded_full text not null,
    exact_name  text not null,
    exact_full  text not null,
    constraint admin_unit_interval check (valid_to is null or valid_to > valid_from),
    -- Codes are reused after mergers, but never by two units on the same day.
    constraint admin_unit_code_once exclude using gist (code with =, daterange(valid_from, valid_to) with &&)
);

create index admin_unit_code on admin_unit (code, valid_from);
create index admin_unit_folded_name on admin_unit (folded_name text_pattern_ops);

create table admin_unit_parent (
    unit_id    bigint not null references admin_unit (id),
    parent_id  bigint not null references admin_unit (id),
    valid_from date not null,
    valid_to   date,
    primary key (unit_id, valid_from),
    constraint admin_unit_parent_interval check (valid_to is null or valid_to > valid_from),
    constraint admin_unit_parent_once exclude using gist (unit_id with =, daterange(valid_from, valid_to) with &&)
);

create index admin_unit_parent_children on admin_unit_parent (parent_id, valid_from);

create table hierarchy_import (
    id             bigint generated always as identity primary key,
    file_kind      text not null check (file_kind in ('SNAPSHOT', 'CHANGES')),
    file_name      text not null,
    content_sha256 text not null unique,
    effective_date date not null,
    imported_at    timestamptz not null default now(),
    imported_by    text not null,
    summary        text not null
);

create sequence unit_change_event_seq;

-- One row per (from, to) pair of a change; the rows of one event share event_id.
create table unit_change (
    id             bigint generated always as identity primary key,
    event_id       bigint not null,
    change_type    text not null check (change_type in
                       ('CREATED', 'RENAMED', 'REPARENTED', 'MERGED', 'SPLIT', 'ABOLISHED')),
    effective_date date not null,
    from_unit_id   bigint references admin_unit (id),
    to_unit_id     bigint references admin_unit (id),
    share          text not null check (share in ('FULL', 'PARTIAL')),
    legal_basis    text,
    import_id      bigint references hierarchy_import (id),
    constraint unit_change_has_a_side check (from_unit_id is not null or to_unit_id is not null)
);

create index unit_change_from on unit_change (from_unit_id);
create index unit_change_to on unit_change (to_unit_id);
create index unit_change_date on unit_change (effective_date);

-- The ancestors of a unit on a date, itself included (depth 0), nearest first.
create function caunoi_ancestors(p_unit bigint, p_date date)
    returns table (unit_id bigint, depth int)
    language sql stable as
$$
with recursive up(unit_id, depth) as (
    select p_unit, 0
    union all
    select p.parent_id, up.depth + 1
    from up
    join admin_unit_parent p on p.unit_id = up.unit_id
        and p.valid_from <= p_date and (p.valid_to is null or p.valid_to > p_date)
    where up.depth < 10
)
select unit_id, depth from up
$$;

-- The subtree of a unit on a date, itself included (depth 0).
create function caunoi_subtree(p_root bigint, p_date date)
    returns table (unit_id bigint, depth int)
    language sql stable as
$$
with recursive down(unit_id, depth) as (
    select p_root, 0
    union all
    select p.unit_id, down.depth + 1
    from down
    join admin_unit_parent p on p.parent_id = down.unit_id
        and p.valid_from <= p_date and (p.valid_to is null or p.valid_to > p_date)
    where down.depth < 10
)
select unit_id, depth from down
$$;
