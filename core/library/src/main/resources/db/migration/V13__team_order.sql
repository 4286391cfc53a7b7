-- Lists of teams are read in this order (level, name, id): with the index a page is read by walking
-- it and stopping after the page's rows, checking each team's scope as it comes, rather than finding
-- every team of the area and sorting them all (a province's 2,909 teams, ~5 ms, for 101 rows).
create index team_order on team (level, name, id);
