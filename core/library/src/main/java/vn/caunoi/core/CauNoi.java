package vn.caunoi.core;

import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Users;
import vn.caunoi.core.activity.ActivityService;
import vn.caunoi.core.digital.DigitalServices;
import vn.caunoi.core.hierarchy.HierarchyImporter;
import vn.caunoi.core.hierarchy.HierarchyService;
import vn.caunoi.core.imports.ImportJobs;
import vn.caunoi.core.indicator.IndicatorService;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.core.resident.ResidentService;
import vn.caunoi.core.store.Database;
import vn.caunoi.core.team.TeamService;

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
    private final TeamService teams;
    private final ActivityService activities;
    private final ResidentService residents;
    private final ImportJobs imports;
    private final IndicatorService indicators;
    private final PersonalDataProtector protector;

    /**
     * How the library behaves.
     *
     * @param statementTimeout  reads and interactive writes running longer are cancelled in PostgreSQL
     *                          (bulk imports and full rechecks are not bounded); zero for none
     * @param publicMinimumCell figures shown to the public (and to users outside their scope) that are
     *                          computed from fewer people than this are suppressed
     */
    public record Options(java.time.Duration statementTimeout, int publicMinimumCell) {
        public static final Options DEFAULTS = new Options(java.time.Duration.ofSeconds(30), 10);

        public Options {
            Objects.requireNonNull(statementTimeout, "statementTimeout");
            if (publicMinimumCell < 1) {
                throw new IllegalArgumentException("publicMinimumCell must be at least 1");
            }
        }
    }

    private final Access access;
    private final Users users;

    private CauNoi(DataSource dataSource, byte[] personalDataKey, Options options) {
        this.db = new Database(Objects.requireNonNull(dataSource, "dataSource"), options.statementTimeout());
        this.access = new Access(db);
        this.protector = personalDataKey == null ? null : new PersonalDataProtector(personalDataKey);
        this.hierarchy = new HierarchyService(db);
        this.hierarchyImporter = new HierarchyImporter(db);
        this.digitalServices = new DigitalServices(db);
        this.teams = new TeamService(db, hierarchy, access, this::protector);
        this.activities = new ActivityService(db, hierarchy, digitalServices, access, this::protector);
        this.residents = new ResidentService(db, hierarchy, digitalServices, access, this::protector);
        this.imports = new ImportJobs(db, dataSource, hierarchy, digitalServices, access, this::protector);
        this.indicators = new IndicatorService(db, hierarchy, digitalServices, access, options.publicMinimumCell());
        this.users = new Users(db, hierarchy, access);
    }

    /**
     * Migrates the schema (Flyway, idempotent) and returns the library, without a personal-data key:
     * enough for the hierarchy and the catalogue; anything that protects personal data refuses to run.
     */
    public static CauNoi create(DataSource dataSource) {
        return new CauNoi(dataSource, null, Options.DEFAULTS);
    }

    /**
     * Migrates the schema and returns the library. {@code personalDataKey} (32 random bytes, kept
     * outside the database: configuration or a key file) encrypts phone numbers and keys the
     * fingerprints of personal data; losing it makes protected values unreadable.
     */
    public static CauNoi create(DataSource dataSource, byte[] personalDataKey) {
        return create(dataSource, personalDataKey, Options.DEFAULTS);
    }

    public static CauNoi create(DataSource dataSource, byte[] personalDataKey, Options options) {
        return new CauNoi(dataSource, Objects.requireNonNull(personalDataKey, "personalDataKey"), Objects.requireNonNull(options, "options"));
    }

    private PersonalDataProtector protector() {
        if (protector == null) {
            throw new IllegalStateException("no personal-data key configured: build CauNoi with create(dataSource, key)");
        }
        return protector;
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

    /** Teams, members, memberships and coverage. */
    public TeamService teams() {
        return teams;
    }

    /** Support activities, trainings, campaigns and residents' feedback. */
    public ActivityService activities() {
        return activities;
    }

    /** Residents (pseudonymised), their adoption of digital services, population and the audit log. */
    public ResidentService residents() {
        return residents;
    }

    /** Bulk imports of residents, adoption records and population figures (CSV or XLSX), resumable. */
    public ImportJobs imports() {
        return imports;
    }

    /** The access rules: roles and scopes, checked in SQL. */
    public Access access() {
        return access;
    }

    /** Users, their role and scope (read on every request). */
    public Users users() {
        return users;
    }

    /** Adoption rates against targets, trends and team scorecards, read from the running counts. */
    public IndicatorService indicators() {
        return indicators;
    }

    /** SQL statements executed so far by this process: for tests and diagnostics. */
    public long statementsExecuted() {
        return db.statementsExecuted();
    }
}
