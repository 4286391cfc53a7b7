-- Monthly levels an import has counted but not yet carried forward. A chunk of an import changes
-- the levels of nearly every village from its earliest month up to the horizon: carrying them at
-- each chunk rewrote the whole monthly table ten times for a list of a million rows. An import
-- appends each chunk's net change per month here instead, in the chunk's transaction, and folds
-- them into adoption_month once at the end of the job (or at the next import's end, after a crash).
--
-- A reader adds these rows to the stored levels: a row adds its delta to its own month and to
-- every later month up to the horizon, as a carried level would. The counts therefore stay exact at
-- every commit, whichever of the two tables holds a chunk's change. Rows are only ever appended
-- (several per key) and deleted by the fold that applies them: no key, no index to keep up.
create table adoption_month_pending (
    service_code text not null,
    village_id   bigint not null,
    stage_code   text not null,
    month        date not null check (extract(day from month) = 1),
    delta        int not null
);

-- A rebuild recomputes every level from the daily counts: what was pending is in them already.
create or replace function caunoi_rebuild_adoption_months() returns void language plpgsql as
$$
begin
    perform 1 from adoption_horizon for update;
    delete from adoption_month;
    delete from adoption_month_pending;
    update adoption_horizon set month = (select date_trunc('month', max(day))::date from adoption_count);
    insert into adoption_month (service_code, month, village_id, stage_code, level)
    select * from caunoi_recomputed_adoption_months();
end
$$;
