package vn.caunoi.examples.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.Page;
import vn.caunoi.core.PageRequest;
import vn.caunoi.core.access.Actor;
import vn.caunoi.core.demo.DemoData;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.hierarchy.UnitQuery;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneId;

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
            run(postgres.getPostgresDatabase(), LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")), System.out);
        }
    }

    /** The whole example against any PostgreSQL: prints to {@code out}. */
    public static void run(DataSource dataSource, LocalDate today, PrintStream out) {
        CauNoi caunoi = CauNoi.create(dataSource);                    // migrates the schema it owns
        Actor actor = Actor.system();                                   // who is acting: every call takes one
        DemoData.importAdministrativeUnits(caunoi.hierarchyImporter(), actor, false);

        Page<AdministrativeUnit> communes = caunoi.hierarchy().units(actor,
                new UnitQuery(UnitLevel.COMMUNE, "33", null, today, new PageRequest(0, 500)));
        out.printf("Communes of Hưng Yên on %s: %d%n", today, communes.totalCount());
        communes.items().forEach(u -> out.printf("  %s %s%n", u.code(), u.fullName()));

        LocalDate june2024 = LocalDate.of(2024, 6, 1);
        Page<AdministrativeUnit> districts = caunoi.hierarchy().units(actor,
                new UnitQuery(UnitLevel.DISTRICT, "34", null, june2024, new PageRequest(0, 500)));
        out.printf("Districts of Thái Bình on %s: %d%n", june2024, districts.totalCount());
        districts.items().forEach(u -> out.printf("  %s %s%n", u.code(), u.fullName()));
    }
}
