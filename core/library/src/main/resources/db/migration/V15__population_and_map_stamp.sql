-- A stamp of the data the eligible population of an area is computed from: the population figures
-- and the map (units, their links, the changes that place ended units on today's ones). A server
-- keeps eligible populations it computed under the stamp they were computed at and computes again
-- when it moves (the share-out of figures over the leaves of an area costs 10-20 ms a request).
--
-- It moves once per transaction that writes any of those tables, at its commit (a deferred
-- trigger, as the closure's rebuild in V9): a reader never sees a new stamp before the data it
-- stands for, and the lock on the stamp's row is the last a writer takes.
create table caunoi_stamp (
    name  text primary key,
    value bigint not null
);
insert into caunoi_stamp (name, value) values ('population_and_map', 0);

create function caunoi_population_and_map_changed() returns trigger language plpgsql as
$$
begin
    if current_setting('caunoi.population_and_map_stamped', true) is distinct from txid_current()::text then
        update caunoi_stamp set value = value + 1 where name = 'population_and_map';
        perform set_config('caunoi.population_and_map_stamped', txid_current()::text, true);
    end if;
    return null;
end
$$;

create constraint trigger population_stamp after insert or update or delete on population
    deferrable initially deferred for each row execute function caunoi_population_and_map_changed();
create constraint trigger admin_unit_stamp after insert or update or delete on admin_unit
    deferrable initially deferred for each row execute function caunoi_population_and_map_changed();
create constraint trigger admin_unit_parent_stamp after insert or update or delete on admin_unit_parent
    deferrable initially deferred for each row execute function caunoi_population_and_map_changed();
create constraint trigger unit_change_stamp after insert or update or delete on unit_change
    deferrable initially deferred for each row execute function caunoi_population_and_map_changed();

-- A truncation (a restore) has no rows to fire for: it moves the stamp at once.
create function caunoi_population_and_map_truncated() returns trigger language plpgsql as
$$
begin
    update caunoi_stamp set value = value + 1 where name = 'population_and_map';
    return null;
end
$$;
create trigger population_stamp_truncate after truncate on population
    for each statement execute function caunoi_population_and_map_truncated();
create trigger admin_unit_stamp_truncate after truncate on admin_unit
    for each statement execute function caunoi_population_and_map_truncated();
create trigger admin_unit_parent_stamp_truncate after truncate on admin_unit_parent
    for each statement execute function caunoi_population_and_map_truncated();
create trigger unit_change_stamp_truncate after truncate on unit_change
    for each statement execute function caunoi_population_and_map_truncated();
