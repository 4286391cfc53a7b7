-- The stamp of the population figures and the map (V15) must move whenever they change:
--  - its triggers fire also in sessions with session_replication_role = replica (which bulk fixes
--    and replication use to skip ordinary triggers): ENABLE ALWAYS;
--  - its value never comes back to one a running server may have seen (a restore brings back the
--    backup's value): it moves to at least the microseconds since the epoch.
create or replace function caunoi_population_and_map_changed() returns trigger language plpgsql as
$$
begin
    if current_setting('caunoi.population_and_map_stamped', true) is distinct from txid_current()::text then
        update caunoi_stamp set value = greatest(value + 1, (extract(epoch from clock_timestamp()) * 1000000)::bigint)
        where name = 'population_and_map';
        perform set_config('caunoi.population_and_map_stamped', txid_current()::text, true);
    end if;
    return null;
end
$$;

create or replace function caunoi_population_and_map_truncated() returns trigger language plpgsql as
$$
begin
    update caunoi_stamp set value = greatest(value + 1, (extract(epoch from clock_timestamp()) * 1000000)::bigint)
    where name = 'population_and_map';
    return null;
end
$$;

alter table population enable always trigger population_stamp;
alter table admin_unit enable always trigger admin_unit_stamp;
alter table admin_unit_parent enable always trigger admin_unit_parent_stamp;
alter table unit_change enable always trigger unit_change_stamp;
alter table population enable always trigger population_stamp_truncate;
alter table admin_unit enable always trigger admin_unit_stamp_truncate;
alter table admin_unit_parent enable always trigger admin_unit_parent_stamp_truncate;
alter table unit_change enable always trigger unit_change_stamp_truncate;
