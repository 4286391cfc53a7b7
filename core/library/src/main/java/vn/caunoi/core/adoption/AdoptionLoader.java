package vn.caunoi.core.adoption;

import vn.caunoi.core.access.Access;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.digital.DigitalServices;
import vn.caunoi.core.hierarchy.UnitCodes;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.imports.Columns;
import vn.caunoi.core.imports.ImportJob;
import vn.caunoi.core.imports.Loader;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.core.resident.CitizenId;
import vn.caunoi.core.resident.ResidentRecords;
import vn.caunoi.core.store.Copy;
import vn.caunoi.core.store.CsvRows;
import vn.caunoi.core.store.Database;
import vn.caunoi.core.store.Json;
import vn.caunoi.core.store.Tx;
import vn.caunoi.core.text.VietnameseText;
import vn.caunoi.spi.AttributeProblem;
import org.apache.ibatis.exceptions.PersistenceException;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Residents, each optionally with a stage of a service reached on a date: an agency's list of VNeID
 * level 2 activations, a bank's list of opened accounts, a team's survey. Columns: {@code citizen_id},
 * {@code village_code} (required), {@code birth_year}, {@code sex}, {@code household}, {@code service},
 * {@code stage}, {@code occurred_on}, {@code source}, {@code attr.<name>}. Parameters give defaults for
 * the whole file: {@code service}, {@code stage}, {@code source}, {@code asOf} (the date of residence
 * for rows without a stage), {@code agency}, {@code attr.<name>}.
 */
final class AdoptionLoader extends Loader {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AdoptionLoader.class);

    /** Milliseconds per step of a chunk's load, for the debug log (where an import spends its time). */
    private static final class Steps {
        private final StringBuilder text = new StringBuilder();
        private long last = System.nanoTime();

        void done(String step) {
            long now = System.nanoTime();
            text.append(text.length() == 0 ? "" : ", ").append(step).append(' ').append((now - last) / 1_000_000).append(" ms");
            last = now;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** The pending monthly changes readers are left to add before a fold carries them (three chunks of a large list). */
    static final int MONTHLY_CHANGES_HELD = 150_000;

    static final Set<String> PARAMETERS = Set.of("service", "stage", "source", "asOf", "agency");

    private static final String STAGE_COLUMNS = "line, citizen_hmac, citizen_masked, birth_year, sex, household_hmac, village_id, "
            + "service_code, stage_code, stage_order, occurred_on, residence_on, source, attributes";

    static final Columns COLUMNS = Columns.builder()
            .required("citizen_id", "so_dinh_danh", "so_dinh_danh_ca_nhan", "cccd", "so_cccd")
            .required("village_code", "ma_thon")
            .optional("birth_year", "nam_sinh")
            .optional("sex", "gioi_tinh")
            .optional("household", "ho_gia_dinh", "ma_ho")
            .optional("service", "dich_vu")
            .optional("stage", "buoc")
            .optional("occurred_on", "ngay")
            .optional("source", "nguon")
            .extra("attr\\.[A-Za-z][A-Za-z0-9_]{0,49}")
            .build();

    private final Context ctx;
    private final Actor actor;
    private final PersonalDataProtector protector;
    private final UnitCodes villages;
    private final Map<String, List<AttributeProblem>> checkedAttributes = new HashMap<>();
    private final String defaultService;
    private final String defaultStage;
    private final Adoption.Source defaultSource;
    private final LocalDate asOf;
    private final Map<String, String> defaultAttributes;
    private final CsvRows staged = new CsvRows();
    /** The citizens of the chunk, by the first 8 bytes of their HMAC; a clash only costs the fast path. */
    private final LongSet citizens = new LongSet();
    /** Whether a citizen may appear twice in the chunk. */
    private boolean repeatedCitizen;
    /** Whether a row of the chunk names a household. */
    private boolean households;
    /** The latest day a row of the chunk may count on (its date, or its residence date). */
    private LocalDate latestDay;
    private final HexFormat hex = HexFormat.of();
    /** Where the importer may record; null for everywhere. */
    private final Access.ScopeIntervals scope;
    private final int currentYear;

    AdoptionLoader(Context ctx, Actor actor, ImportJob job, Map<String, String> parameters) {
        super(job, COLUMNS);
        this.ctx = ctx;
        this.protector = ctx.protector();
        this.actor = actor;
        this.defaultService = parameters.get("service");
        this.defaultStage = parameters.get("stage");
        this.defaultSource = parameters.containsKey("source") ? Adoption.Source.valueOf(parameters.get("source")) : Adoption.Source.AGENCY_LIST;
        // Without asOf, rows without a stage are dated the day the job began: a resume on another day agrees.
        this.asOf = parameters.containsKey("asOf") ? LocalDate.parse(parameters.get("asOf"))
                : job.startedAt() == null ? ctx.today() : job.startedAt().atZone(ctx.clock().getZone()).toLocalDate();
        this.defaultAttributes = new TreeMap<>();
        parameters.forEach((k, v) -> {
            if (k.startsWith("attr.")) {
                defaultAttributes.put(k.substring(5), v);
            }
        });
        this.currentYear = ctx.today().getYear();
        this.scope = ctx.access().intervals(actor);
        this.villages = ctx.hierarchy().codes(actor, UnitLevel.VILLAGE);
    }

    static void checkParameters(Problems p, Map<String, String> parameters, DigitalServices services) {
        String service = parameters.get("service");
        String stage = parameters.get("stage");
        if (service != null) {
            var loaded = services.loaded(service);
            if (loaded.isEmpty()) {
                p.add("parameters.service", "UNKNOWN_SERVICE", "no loaded digital service " + service);
            } else if (stage == null) {
                p.add("parameters.stage", "REQUIRED", "a default service needs a default stage");
            } else if (loaded.get().descriptor().stage(stage).isEmpty()) {
                p.add("parameters.stage", "UNKNOWN_STAGE", "service " + service + " has no stage " + stage);
            }
        } else if (stage != null) {
            p.add("parameters.service", "REQUIRED", "a default stage needs a default service");
        }
        String source = parameters.get("source");
        if (source != null && Set.of("TEAM_SUPPORT", "SELF_REPORTED", "AGENCY_LIST").stream().noneMatch(source::equals)) {
            p.add("parameters.source", "INVALID", "source is TEAM_SUPPORT, SELF_REPORTED or AGENCY_LIST");
        }
        if (parameters.containsKey("asOf")) {
            try {
                LocalDate.parse(parameters.get("asOf"));
            } catch (DateTimeParseException e) {
                p.add("parameters.asOf", "NOT_A_DATE", "asOf must be a date (yyyy-MM-dd)");
            }
        }
        if (parameters.containsKey("agency")) {
            p.text("parameters.agency", parameters.get("agency"), 200);
        }
    }

    @Override
    protected void check(long line, Row row) {
        CitizenId id = citizenId(line, row);
        String household = row.get("household");
        if (household != null && household.length() > 50) {
            reject(line, "household", "TOO_LONG", "household must be at most 50 characters");
        }
        String service = row.get("service") != null ? row.get("service") : defaultService;
        String stage = row.get("stage") != null ? row.get("stage") : row.get("service") != null ? null : defaultStage;
        LocalDate occurredOn = date(line, row, "occurred_on");
        Adoption.Source source = defaultSource;
        if (row.get("source") != null) {
            try {
                source = Adoption.Source.valueOf(row.get("source").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                reject(line, "source", "INVALID", "source is TEAM_SUPPORT, SELF_REPORTED or AGENCY_LIST");
            }
        }
        int stageOrder = 0;
        Map<String, String> attributes = new TreeMap<>(defaultAttributes);
        if (service != null) {
            if (stage == null) {
                reject(line, "stage", "REQUIRED", "a row with a service needs its stage");
            }
            if (row.get("occurred_on") == null) {
                reject(line, "occurred_on", "REQUIRED", "a row with a stage needs the date it was reached");
            } else if (occurredOn != null && (occurredOn.isAfter(ctx.today().plusDays(1)) || occurredOn.getYear() < 2000)) {
                reject(line, "occurred_on", "OUT_OF_RANGE", "occurred_on must be between 2000-01-01 and today");
            }
            attributes.putAll(row.withPrefix("attr."));
            if (stage != null) {
                stageOrder = checkService(line, service, stage, attributes);
            }
        }
        LocalDate residenceOn = occurredOn != null ? occurredOn : asOf;
        Long village = village(line, row.get("village_code"), residenceOn);
        if (rejected()) {
            return;
        }
        byte[] hmac = ResidentRecords.citizenHmac(protector, id);
        byte[] householdHmac = ResidentRecords.householdHmac(protector, household);
        boolean adoption = service != null;
        households |= householdHmac != null;
        repeatedCitizen |= !citizens.add(ByteBuffer.wrap(hmac).getLong());
        if (latestDay == null || residenceOn.isAfter(latestDay)) {
            latestDay = residenceOn;
        }
        staged.field(line).field("\\x" + hex.formatHex(hmac)).field(id.masked()).field(id.birthYear()).field(id.sex())
                .field(householdHmac == null ? null : "\\x" + hex.formatHex(householdHmac)).field(village)
                .field(adoption ? service : null).field(adoption ? stage : null).field(adoption ? stageOrder : null)
                .field(adoption ? occurredOn : null).field(residenceOn).field(source).field(adoption ? Json.of(attributes) : null)
                .endRow();
    }

    private CitizenId citizenId(long line, Row row) {
        String text = row.get("citizen_id");
        if (text == null) {
            reject(line, "citizen_id", "REQUIRED", "citizen_id is required");
            return null;
        }
        // A spreadsheet cell that holds the number as a number has lost its leading zero: every
        // birth-registration code begins with 0, so 10 or 11 digits from a workbook are padded.
        if (job.format() == ImportJob.Format.XLSX && text.matches("\\d{10,11}")) {
            text = "0".repeat(12 - text.length()) + text;
        }
        Integer birthYear = integer(line, row, "birth_year", 1800, currentYear);
        try {
            CitizenId id = CitizenId.parse(text, birthYear, currentYear);
            String sex = row.get("sex");
            if (sex != null) {
                CitizenId.Sex given = sex(sex);
                if (given == null) {
                    reject(line, "sex", "INVALID", "sex is MALE or FEMALE (Nam or Nữ)");
                } else if (given != id.sex()) {
                    reject(line, "sex", "DOES_NOT_MATCH_CITIZEN_ID", "the sex does not agree with the fourth digit of the citizen ID number");
                }
            }
            return id;
        } catch (InvalidInputException e) {
            e.problems().forEach(f -> reject(line, f.field().equals("birthYear") ? "birth_year" : "citizen_id", f.reason(), f.message()));
            return null;
        }
    }

    static CitizenId.Sex sex(String v) {
        // The usual spellings at once: folding (Unicode decomposition, two regular expressions) is
        // for the rest, and would be a large share of checking a million rows.
        switch (v) {
            case "MALE", "Male", "male", "M", "m", "NAM", "Nam", "nam":
                return CitizenId.Sex.MALE;
            case "FEMALE", "Female", "female", "F", "f", "N\u1eee", "N\u1eef", "n\u1eef":
                return CitizenId.Sex.FEMALE;
            default:
                break;
        }
        return switch (VietnameseText.folded(v)) {
            case "male", "m", "nam" -> CitizenId.Sex.MALE;
            case "female", "f", "nu" -> CitizenId.Sex.FEMALE;
            default -> null;
        };
    }

    private int checkService(long line, String service, String stage, Map<String, String> attributes) {
        String key = service + "\u0000" + stage + "\u0000" + Json.of(attributes);
        List<AttributeProblem> problems = checkedAttributes.get(key);
        if (problems == null) {
            problems = ctx.services().validate(actor, service, stage, attributes);
            if (checkedAttributes.size() < 10_000) {
                checkedAttributes.put(key, problems);
            }
        }
        for (AttributeProblem p : problems) {
            String column = p.attribute() != null ? "attr." + p.attribute()
                    : switch (p.code()) {
                        case "UNKNOWN_SERVICE", "SERVICE_UNAVAILABLE" -> "service";
                        case "UNKNOWN_STAGE" -> "stage";
                        default -> null;
                    };
            reject(line, column, p.code(), p.message().en());
        }
        if (!problems.isEmpty()) {
            return 0;
        }
        DigitalServices.Loaded loaded = ctx.services().loaded(service).orElseThrow();
        return loaded.descriptor().order(stage);
    }

    private Long village(long line, String code, LocalDate on) {
        if (code == null) {
            reject(line, "village_code", "REQUIRED", "village_code is required");
            return null;
        }
        Long id = villages.unitOn(code, on);
        if (id != null) {
            if (scope != null && !scope.contains(id, on)) {
                reject(line, "village_code", "OUT_OF_SCOPE", "the village is outside your scope on " + on);
                return null;
            }
            return id;
        }
        // The code is not repeated: a column of citizen IDs taken for the villages would put them in the report.
        reject(line, "village_code", "UNKNOWN_VILLAGE", "no village has this code on " + on);
        return null;
    }

    @Override
    protected long load(Tx tx) {
        if (staged.isEmpty()) {
            return 0;
        }
        AdoptionMapper m = tx.mapper(AdoptionMapper.class);
        m.adoptionGateShared();
        m.horizon(latestDay);
        m.bulkWorkMemory();
        m.prepareAdoptionStage();
        m.prepareDeltas();
        Steps steps = new Steps();
        long rows = Copy.into(tx, "adoption_stage", STAGE_COLUMNS, staged);
        steps.done("copy");
        if (!repeatedCitizen && loadFresh(m, rows, steps)) {
            log.debug("import job {}: {} rows loaded: {}", job.id(), rows, steps);
            return rows;
        }
        // A bulk load outgrows the planner's statistics at once (autovacuum analyzes later): a plan
        // chosen for an empty event table would scan it for every resident. The general path's
        // statements join the stage with what is stored, so they are planned on statistics that
        // lag the tables by at most a factor of two, whoever wrote the rows. (The fast path plans
        // no join: a first list of a million rows analyzes once, at the end.)
        if (m.statisticsLag()) {
            m.analyzeAdoption();
            steps.done("analyze");
        }
        // Every row of a chunk of new residents (a first list, most of a large one) is created here:
        // then no row names a known resident or an objector, and the statements about them would
        // scan the stage to find nothing.
        boolean allNew = m.insertNewResidents() == rows;
        steps.done("new residents");
        if (!allNew) {
            m.linkResidents();
            m.lockResidents();
        }
        if (!allNew || households) {
            m.updateHouseholds();
        }
        steps.done("known residents");
        if (!allNew) {
            m.collectStageDeltas(-1);
        }
        steps.done("counts before");
        m.newResidences();
        if (!allNew) {
            m.endMovedResidences();
            m.startMovedResidences();
        }
        steps.done("residences");
        m.insertEvents(job.id());
        steps.done("events");
        m.collectStageDeltas(1);
        if (!allNew) {
            m.tallyObjectorDeltas();
        }
        steps.done("counts after");
        // The counts' changes are appended (they lock no count row); the anonymous tallies are one
        // sorted upsert, in the order every writer takes them, so concurrent writers never deadlock.
        applyCounts(m, steps);
        if (!allNew) {
            m.tallyObjectors();
        }
        steps.done("tallies");
        log.debug("import job {}: {} rows loaded: {}", job.id(), rows, steps);
        return rows;
    }

    /**
     * The chunk as new residents of one row each, if it is that (see the mapper's
     * {@code markFreshResidents}); false, with nothing of it written, if it is not.
     */
    private boolean loadFresh(AdoptionMapper m, long rows, Steps steps) {
        // A person who objected would make the try short only after it inserted the whole chunk.
        if (m.namesObjector()) {
            return false;
        }
        m.markFreshResidents();
        boolean fresh;
        try {
            fresh = m.insertFreshResidents() == rows;
        } catch (PersistenceException e) {
            // A unique violation (23505) is a citizen on record; anything else is a real failure.
            if (!Database.sqlState(e, "23505")) {
                throw e;
            }
            fresh = false;
        }
        if (!fresh) {
            m.forgetFreshResidents();
            steps.done("not all new");
            return false;
        }
        m.keepFreshResidents();
        steps.done("new residents");
        m.freshResidences();
        steps.done("residences");
        m.insertFreshEvents(job.id());
        steps.done("events");
        m.collectFreshDeltas();
        steps.done("counts after");
        applyCounts(m, steps);
        return true;
    }

    /**
     * The chunk's collected count deltas, appended as pending changes of the daily counts and the
     * monthly levels: the chunk locks no count row, and the upserts that fold them in run beside the
     * next chunk ({@link #settle}) or once at the end ({@link #complete}). Readers add what is
     * pending, so the counts are exact at every commit.
     */
    private static void applyCounts(AdoptionMapper m, Steps steps) {
        m.appendDailyDeltas();
        steps.done("daily changes");
        m.appendMonthlyDeltas();
        steps.done("monthly changes");
        m.clearDeltas();
    }

    /**
     * The pending daily changes (or, with {@code months}, the monthly ones) folded in, in one
     * transaction that takes what it locks in the order every writer of counts does (the gate, the
     * horizon, the daily counts or the monthly levels), so that it never deadlocks with a field
     * worker's record or another import's fold: the rows written.
     */
    static int fold(Database db, boolean months) {
        return db.bulk(tx -> {
            AdoptionMapper m = tx.mapper(AdoptionMapper.class);
            m.adoptionGateShared();
            m.horizon(null);
            return months ? m.foldPendingMonths() : m.foldPendingCounts();
        });
    }

    @Override
    protected void committed() {
        staged.clear();
        citizens.clear();
        repeatedCitizen = false;
        households = false;
        latestDay = null;
    }

    /**
     * The daily count changes of the chunks committed so far folded into the running counts, while
     * the next chunk loads: an upsert of about one row per event, which no longer holds up the
     * chunks. The monthly levels mostly wait for {@link #complete}: carrying them costs the same for
     * one chunk's changes as for all of them. But every reader of rates scans the pending monthly
     * changes (about 48,000 per chunk of a large list; 0.4 ms per 1,000 rows): past
     * {@link #MONTHLY_CHANGES_HELD} they are carried here too.
     */
    @Override
    protected void settle() {
        Steps steps = new Steps();
        int days = fold(ctx.db(), false);
        steps.done("daily counts");
        int months = ctx.db().read(tx -> tx.mapper(AdoptionMapper.class).manyMonthlyChanges(MONTHLY_CHANGES_HELD)) ? fold(ctx.db(), true) : 0;
        steps.done("monthly levels");
        log.debug("import job {}: {} daily counts and {} monthly levels written beside the next chunk: {}", job.id(), days, months, steps);
    }

    /**
     * What is left pending after the last chunk (and by any import that stopped before its end)
     * folded in: the monthly levels first, beside the last {@link #settle} (they lock no daily
     * count), then the daily changes it left (its fold in flight is waited for, by the rows it
     * deletes). The emptied tables are vacuumed so that readers' check of them stays a glance; then
     * fresh planner statistics for what the job wrote.
     */
    @Override
    protected void complete() {
        Steps steps = new Steps();
        int months = fold(ctx.db(), true);
        steps.done("monthly levels");
        int days = fold(ctx.db(), false);
        steps.done("daily counts");
        ctx.db().vacuum("adoption_count_pending");
        ctx.db().vacuum("adoption_month_pending");
        steps.done("vacuumed");
        ctx.db().bulk(tx -> {
            tx.mapper(AdoptionMapper.class).analyzeAdoption();
            return null;
        });
        steps.done("analyzed");
        log.debug("import job {}: {} monthly levels and {} daily counts written at the end: {}", job.id(), months, days, steps);
    }

    /**
     * A set of longs in one array (open addressing): the citizens of a chunk of 100,000 rows in
     * 2 MB, where a {@code HashSet} of their HMACs would take some 15 MB and feed the collector.
     */
    static final class LongSet {
        private long[] slots = new long[1 << 10];
        private int size;
        private boolean hasZero;

        /** Adds {@code value}; false if it was there already. */
        boolean add(long value) {
            if (value == 0) {
                boolean added = !hasZero;
                hasZero = true;
                return added;
            }
            if (2 * (size + 1) > slots.length) {
                long[] old = slots;
                slots = new long[old.length * 2];
                size = 0;
                for (long v : old) {
                    if (v != 0) {
                        put(v);
                    }
                }
            }
            return put(value);
        }

        private boolean put(long value) {
            int mask = slots.length - 1;
            for (int i = Long.hashCode(value * 0x9E3779B97F4A7C15L) & mask; ; i = (i + 1) & mask) {
                if (slots[i] == value) {
                    return false;
                }
                if (slots[i] == 0) {
                    slots[i] = value;
                    size++;
                    return true;
                }
            }
        }

        void clear() {
            Arrays.fill(slots, 0);
            size = 0;
            hasZero = false;
        }
    }
}
