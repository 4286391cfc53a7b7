package vn.caunoi.core.context;

import vn.caunoi.core.access.Access;
import vn.caunoi.core.digital.DigitalServices;
import vn.caunoi.core.hierarchy.HierarchyService;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.core.store.Database;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What every domain service of core works with, built once by {@code CauNoi} and handed to each:
 * the database, the one clock ("today" has one definition), the hierarchy, the digital services,
 * the access rules, the personal-data protector and the options. Not part of the library's API: an
 * embedding application sees services, records and options only.
 */
public final class Context {

    private final Database db;
    private final Clock clock;
    private final HierarchyService hierarchy;
    private final DigitalServices services;
    private final Access access;
    private final PersonalDataProtector protector;
    private final int publicMinimumCell;

    public Context(Database db, Clock clock, HierarchyService hierarchy, DigitalServices services, Access access,
                   PersonalDataProtector protector, int publicMinimumCell) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hierarchy = Objects.requireNonNull(hierarchy, "hierarchy");
        this.services = Objects.requireNonNull(services, "services");
        this.access = Objects.requireNonNull(access, "access");
        this.protector = protector;
        this.publicMinimumCell = publicMinimumCell;
    }

    public Database db() {
        return db;
    }

    public Clock clock() {
        return clock;
    }

    /** Today in the clock's zone (Asia/Ho_Chi_Minh unless configured otherwise). */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public HierarchyService hierarchy() {
        return hierarchy;
    }

    public DigitalServices services() {
        return services;
    }

    public Access access() {
        return access;
    }

    /** The personal-data protector; refuses when the library was built without a personal-data key. */
    public PersonalDataProtector protector() {
        if (protector == null) {
            throw new IllegalStateException("no personal-data key configured: build CauNoi with create(dataSource, key)");
        }
        return protector;
    }

    /** Figures the public sees that come from fewer people than this are suppressed. */
    public int publicMinimumCell() {
        return publicMinimumCell;
    }
}
