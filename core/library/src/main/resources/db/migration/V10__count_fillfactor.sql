-- Every write of adoption rewrites count rows in place (the daily count of its day, the monthly
-- levels from its month to the horizon; a bulk import's chunk rewrites most monthly rows). Room left
-- on each page lets such an update stay on its page without a new index entry (a HOT update), and
-- the old versions are pruned as the page is next read. New pages get the room; old ones as they
-- are rewritten.
alter table adoption_count set (fillfactor = 80);
alter table adoption_month set (fillfactor = 50);
