package vn.caunoi.examples.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Page;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.hierarchy.ReferenceUnits;
import vn.caunoi.core.team.Team;
import vn.caunoi.core.team.TeamService;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.hierarchy.UnitQuery;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;

/**
 * Cầu Nối as a plain Java library, no Spring: build core from a DataSource, import the official
 * lists shipped with it, and ask the hierarchy about two different dates.
 *
 * <p>Run it with {@code mvn -pl examples/embedded-library -am -q exec:java} or from the IDE. A real
 * embedding passes its own DataSource (any PostgreSQL 14+); this example starts a throw-away one.
 */
public final class EmbeddedLibraryExample {

    private EmbeddedLibraryExample() {
    }

    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            run(postgres.getPostgresDatabase(), LocalDate.now(CauNoi.VIETNAM), System.out);
        }
    }

    /** The whole example against any PostgreSQL, on the map of {@code today}: prints to {@code out}. */
    public static void run(DataSource dataSource, LocalDate today, PrintStream out) {
        // The library's one clock, pinned to the day asked: every "today" of the library is that day.
        CauNoi caunoi = CauNoi.create(dataSource, CauNoi.Options.DEFAULTS.withClock(
                Clock.fixed(today.atStartOfDay(CauNoi.VIETNAM).toInstant(), CauNoi.VIETNAM)));  // migrates the schema it owns
        Actor actor = Actor.system();                                   // who is acting: every call takes one
        ReferenceUnits.importAll(caunoi.hierarchyImporter(), actor);    // the official lists shipped with core

        Page<AdministrativeUnit> communes = caunoi.hierarchy().units(actor,
                new UnitQuery(UnitLevel.COMMUNE, "33", null, caunoi.today(), new PageRequest(0, 500)));
        out.printf("Communes of Hưng Yên on %s: %d%n", caunoi.today(), communes.totalCount());
        communes.items().forEach(u -> out.printf("  %s %s%n", u.code(), u.fullName()));

        LocalDate june2024 = LocalDate.of(2024, 6, 1);
        Page<AdministrativeUnit> districts = caunoi.hierarchy().units(actor,
                new UnitQuery(UnitLevel.DISTRICT, "34", null, june2024, new PageRequest(0, 500)));
        out.printf("Districts of Thái Bình on %s: %d%n", june2024, districts.totalCount());
        districts.items().forEach(u -> out.printf("  %s %s%n", u.code(), u.fullName()));

        // Teams need no personal-data key: a library built without one records them.
        Team team = caunoi.teams().createTeam(actor, new TeamService.NewTeam("example-team-ngu-thien", "12595",
                "Tổ công nghệ số cộng đồng xã Ngự Thiên", caunoi.today())).value();
        out.printf("Team created: %s in %s%n", team.name(), caunoi.teams().coverage(actor, "12595", caunoi.today()).teams() == 1
                ? "Xã Ngự Thiên (1 team)" : "?");
    }
}
