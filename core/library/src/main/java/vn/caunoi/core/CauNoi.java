package vn.caunoi.core;

import vn.caunoi.core.digital.DigitalServices;
import vn.caunoi.core.hierarchy.HierarchyImporter;
import vn.caunoi.core.hierarchy.HierarchyService;
import vn.caunoi.core.store.Database;

import javax.sql.DataSource;
import java.util.Objects;

/**
 * The one entry point of the library: built from a {@link DataSource}, it migrates the schema it
 * owns and hands out the domain services. An embedding application needs nothing else.
 *
 * <pre>{@code
 * CauNoi caunoi = CauNoi.create(dataSource);
 * caunoi.hierarchy().unit(Actor.system(), "33", LocalDate.now());
 * }</pre>
 */
public final class CauNoi {

    private final Database db;
    private final HierarchyService hierarchy;
    private final HierarchyImporter hierarchyImporter;
    private final DigitalServices digitalServices;

    private CauNoi(DataSource dataSource) {
        this.db = new Database(Objects.requireNonNull(dataSource, "dataSource"));
        this.hierarchy = new HierarchyService(db);
        this.hierarchyImporter = new HierarchyImporter(db);
        this.digitalServices = new DigitalServices(db);
    }

    /** Migrates the schema (Flyway, idempotent) and returns the library. */
    public static CauNoi create(DataSource dataSource) {
        return new CauNoi(dataSource);
    }

    public HierarchyService hierarchy() {
        return hierarchy;
    }

    public HierarchyImporter hierarchyImporter() {
        return hierarchyImporter;
    }

    /** The registry of loaded digital services and the catalogue of every service ever loaded. */
    public DigitalServices digitalServices() {
        return digitalServices;
    }

    /** SQL statements executed so far by this process: for tests and diagnostics. */
    public long statementsExecuted() {
        return db.statementsExecuted();
    }
}
