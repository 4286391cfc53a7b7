-- A unit's subtree on a date from the closure (V9) instead of a recursive walk of the parent links:
-- one index scan the planner sees through (a single-statement SQL function is inlined), where the
-- walk cost an index probe per unit (2,633 for a province, ~3 ms) in every list of teams, units,
-- activities and indicators "under" a unit. Same rows: the closure holds, for each ancestor, every
-- unit reached by a chain of links that all hold on the day, with its depth (the root itself at 0,
-- on every day, as the walk started from it), and stops at the same depth of 10.
create or replace function caunoi_subtree(p_root bigint, p_date date)
    returns table (unit_id bigint, depth int)
    language sql stable as
$$
select c.unit_id, c.depth from admin_unit_closure c
where c.ancestor_id = p_root and c.valid_from <= p_date and (c.valid_to is null or c.valid_to > p_date)
$$;
