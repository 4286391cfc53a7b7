package vn.caunoi.core;

import java.util.function.Supplier;
import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Users;
import vn.caunoi.core.activity.CampaignService;
import vn.caunoi.core.activity.FeedbackService;
import vn.caunoi.core.activity.SupportActivityService;
import vn.caunoi.core.activity.TrainingService;
import vn.caunoi.core.adoption.AdoptionCounts;
import vn.caunoi.core.adoption.AdoptionImport;
import vn.caunoi.core.adoption.AdoptionRecorder;
import vn.caunoi.core.adoption.Objections;
import vn.caunoi.core.adoption.ResidentReads;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.digital.DigitalServices;
import vn.caunoi.core.hierarchy.HierarchyImporter;
import vn.caunoi.core.hierarchy.HierarchyService;
import vn.caunoi.core.imports.ImportJob;
import vn.caunoi.core.imports.ImportJobs;
import vn.caunoi.core.indicator.AdoptionRates;
import vn.caunoi.core.indicator.AdoptionTrends;
import vn.caunoi.core.indicator.Population;
import vn.caunoi.core.indicator.PopulationImport;
import vn.caunoi.core.indicator.TargetImport;
import vn.caunoi.core.indicator.Targets;
import vn.caunoi.core.indicator.TeamScorecards;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.core.resident.AuditLog;
import vn.caunoi.core.resident.ResidentRecords;
import vn.caunoi.core.store.Database;
import vn.caunoi.core.team.MemberService;
import vn.caunoi.core.team.TeamService;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * The one entry point of the library: built from a {@link DataSource}, it migrates the schema it
 * owns and hands out the domain services, one per aggregate. An embedding application needs
 * nothing else, and sees services, records and options only.
 *
 * <pre>{@code
 * CauNoi caunoi = CauNoi.create(dataSource);
 * caunoi.hierarchy().unit(Actor.system(), "33", caunoi.today());
 * }</pre>
 */
public final class CauNoi {

    /** Vietnam's time: "today" of every date left out is a day in this zone unless a clock says otherwise. */
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /**
     * How the library behaves.
     *
     * @param statementTimeout  reads and interactive writes running longer are cancelled in PostgreSQL
     *                          (bulk imports and full rechecks are not bounded); zero for none
     * @param publicMinimumCell figures shown to the public (and to users outside their scope) that are
     *                          computed from fewer people than this are suppressed
     * @param clock             the one clock of the library: "today" everywhere (a fixed clock pins it, in
     *                          tests and in demonstrations)
     */
    public record Options(Duration statementTimeout, int publicMinimumCell, Clock clock) {
        public static final Options DEFAULTS = new Options(Duration.ofSeconds(30), 10);

        public Options {
            Objects.requireNonNull(statementTimeout, "statementTimeout");
            Objects.requireNonNull(clock, "clock");
            if (publicMinimumCell < 1) {
                throw new IllegalArgumentException("publicMinimumCell must be at least 1");
            }
        }

        /** With the system clock in Vietnam's time zone. */
        public Options(Duration statementTimeout, int publicMinimumCell) {
            this(statementTimeout, publicMinimumCell, Clock.system(VIETNAM));
        }

        public Options withClock(Clock clock) {
            return new Options(statementTimeout, publicMinimumCell, clock);
        }
    }

    private final Context ctx;
    private final HierarchyImporter hierarchyImporter;
    private final Users users;
    private final TeamService teams;
    private final MemberService members;
    private final SupportActivityService supportActivities;
    private final TrainingService trainings;
    private final CampaignService campaigns;
    private final FeedbackService feedback;
    private final AdoptionRecorder adoption;
    private final Objections objections;
    private final ResidentReads residents;
    private final AdoptionCounts counts;
    private final AuditLog auditLog;
    private final ImportJobs imports;
    private final AdoptionRates rates;
    private final AdoptionTrends trends;
    private final Targets targets;
    private final TeamScorecards scorecards;
    private final Population population;

    private CauNoi(DataSource dataSource, byte[] personalDataKey, Options options) {
        Database db = new Database(Objects.requireNonNull(dataSource, "dataSource"), options.statementTimeout());
        HierarchyService hierarchy = new HierarchyService(db);
        Access access = new Access(db);
        this.ctx = new Context(db, options.clock(), hierarchy, new DigitalServices(db), access,
                personalDataKey == null ? null : new PersonalDataProtector(personalDataKey), options.publicMinimumCell());
        this.hierarchyImporter = new HierarchyImporter(db);
        this.users = new Users(db, hierarchy, access, options.clock());
        this.teams = new TeamService(ctx);
        this.members = new MemberService(ctx, teams);
        this.campaigns = new CampaignService(ctx, members);
        this.supportActivities = new SupportActivityService(ctx, teams, members, campaigns);
        this.trainings = new TrainingService(ctx, members);
        this.feedback = new FeedbackService(ctx, teams, members);
        ResidentRecords records = new ResidentRecords(db);
        this.adoption = new AdoptionRecorder(ctx, records, teams, members);
        this.objections = new Objections(ctx, records, teams, members);
        this.residents = new ResidentReads(ctx, records, teams, members);
        this.counts = new AdoptionCounts(db);
        this.auditLog = new AuditLog(db);
        this.imports = new ImportJobs(ctx, dataSource, Map.of(
                ImportJob.Kind.ADOPTION, new AdoptionImport(ctx),
                ImportJob.Kind.POPULATION, new PopulationImport(ctx),
                ImportJob.Kind.TARGET, new TargetImport(ctx)));
        this.rates = new AdoptionRates(ctx);
        this.trends = new AdoptionTrends(ctx);
        this.targets = new Targets(ctx);
        this.scorecards = new TeamScorecards(ctx);
        this.population = new Population(ctx);
    }

    /**
     * Migrates the schema (Flyway, idempotent) and returns the library, without a personal-data key:
     * enough for the hierarchy, the catalogue, teams, trainings and campaigns; what protects personal
     * data (phone numbers, citizen IDs, residents' words) refuses to run.
     */
    public static CauNoi create(DataSource dataSource) {
        return new CauNoi(dataSource, null, Options.DEFAULTS);
    }

    /** As {@link #create(DataSource)}, with these options. */
    public static CauNoi create(DataSource dataSource, Options options) {
        return new CauNoi(dataSource, null, Objects.requireNonNull(options, "options"));
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

    /** Today by the library's clock (Asia/Ho_Chi_Minh unless configured): the one definition. */
    public LocalDate today() {
        return ctx.today();
    }

    public Clock clock() {
        return ctx.clock();
    }

    /** The administrative hierarchy over time: units on any date, changes, search. */
    public HierarchyService hierarchy() {
        return ctx.hierarchy();
    }

    /** Imports of official unit lists and change files. */
    public HierarchyImporter hierarchyImporter() {
        return hierarchyImporter;
    }

    /** The registry of loaded digital services and the catalogue of every service ever loaded. */
    public DigitalServices digitalServices() {
        return ctx.services();
    }

    /** Teams, their status and coverage. */
    public TeamService teams() {
        return teams;
    }

    /** The members of the teams and their memberships. */
    public MemberService members() {
        return members;
    }

    /** Support activities: residents helped by the teams. */
    public SupportActivityService supportActivities() {
        return supportActivities;
    }

    /** Trainings of the members. */
    public TrainingService trainings() {
        return trainings;
    }

    /** Campaigns such as Digital Sunday. */
    public CampaignService campaigns() {
        return campaigns;
    }

    /** Residents' feedback collected by the teams. */
    public FeedbackService feedback() {
        return feedback;
    }

    /** Records of residents reaching a stage of a digital service. */
    public AdoptionRecorder adoption() {
        return adoption;
    }

    /** Residents' objections to being recorded. */
    public Objections objections() {
        return objections;
    }

    /** Person-level reads: residents with status, history and residences; single events (audited). */
    public ResidentReads residents() {
        return residents;
    }

    /** The recheck of the running counts against the events. */
    public AdoptionCounts counts() {
        return counts;
    }

    /** The audit log of person-level reads. */
    public AuditLog auditLog() {
        return auditLog;
    }

    /** Bulk imports of residents with adoption, population figures and targets (CSV or XLSX), resumable. */
    public ImportJobs imports() {
        return imports;
    }

    /** Adoption rates per unit and period against targets. */
    public AdoptionRates rates() {
        return rates;
    }

    /** The adoption of one unit over time. */
    public AdoptionTrends trends() {
        return trends;
    }

    /** Adoption targets. */
    public Targets targets() {
        return targets;
    }

    /** Team scorecards and the flags of lagging teams. */
    public TeamScorecards scorecards() {
        return scorecards;
    }

    /** Population figures (the denominators). */
    public Population population() {
        return population;
    }

    /** The access rules: roles and scopes, checked in SQL. */
    public Access access() {
        return ctx.access();
    }

    /** Users, their role and scope (remembered per user until a change of users). */
    public Users users() {
        return users;
    }

    /**
     * Runs {@code reads} (calls to any of the services) in one read-only transaction on one
     * connection, taken from the pool at the first statement: what a GraphQL query needs, instead of
     * a transaction per service call. Writes made inside run in transactions of their own.
     */
    public <T> T readTogether(Supplier<T> reads) {
        return ctx.db().readTogether(reads);
    }

    /** SQL statements executed so far by this process: for tests and diagnostics. */
    public long statementsExecuted() {
        return ctx.db().statementsExecuted();
    }

    /** How many times core's statements of this name (e.g. "countTeams") have run: for tests and diagnostics. */
    public long statementsExecuted(String name) {
        return ctx.db().statementsExecuted(name);
    }
}
