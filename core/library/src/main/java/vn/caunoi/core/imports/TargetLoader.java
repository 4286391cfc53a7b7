package vn.caunoi.core.imports;

import org.apache.ibatis.session.SqlSession;
import vn.caunoi.core.Problems;
import vn.caunoi.core.access.Actor;
import vn.caunoi.core.digital.CatalogueEntry;
import vn.caunoi.core.store.Copy;
import vn.caunoi.core.store.ImportMapper;
import vn.caunoi.core.store.IndicatorMapper;
import vn.caunoi.spi.ServiceDescriptor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adoption targets (a province's resolution): {@code unit_code}, {@code service}, {@code stage}
 * (default: the service's adopted stage), {@code due_on}, {@code target_percent} (more than 0, at
 * most 100; a decimal comma is fine), {@code basis}, {@code as_of} (the date whose map the unit code
 * is read on; default the due date). Parameters give defaults for the whole file: {@code service},
 * {@code stage}, {@code basis}, {@code asOf}. Importing a target again replaces it.
 */
final class TargetLoader extends Loader {

    static final Set<String> PARAMETERS = Set.of("service", "stage", "basis", "asOf");

    private static final Map<String, Boolean> COLUMNS = columnList();

    private static Map<String, Boolean> columnList() {
        Map<String, Boolean> c = new LinkedHashMap<>();
        c.put("unit_code", true);
        c.put("due_on", true);
        c.put("target_percent", true);
        c.put("service", false);
        c.put("stage", false);
        c.put("basis", false);
        c.put("as_of", false);
        return c;
    }

    private static final Map<String, String> ALIASES = Map.of("ma_don_vi", "unit_code", "han", "due_on", "thoi_han", "due_on",
            "chi_tieu", "target_percent", "chi_tieu_phan_tram", "target_percent", "dich_vu", "service", "buoc", "stage",
            "can_cu", "basis", "theo_ban_do_ngay", "as_of");

    private final Map<String, List<ImportMapper.UnitValidity>> units;
    private final Map<String, ServiceDescriptor> catalogue = new HashMap<>();
    private final Map<String, String> parameters;
    private final List<Object[]> staged = new ArrayList<>();
    /** Where the importer may set figures; null for everywhere. */
    private final vn.caunoi.core.access.Access.ScopeIntervals scope;
    private final ImportJobs jobs;

    TargetLoader(ImportJobs jobs, Actor actor, ImportJob job, Map<String, String> parameters) {
        super(job);
        this.jobs = jobs;
        this.scope = jobs.scopeOf(actor);
        this.parameters = parameters;
        jobs.services().catalogue(actor).forEach(e -> catalogue.put(e.code(), e.descriptor()));
        this.units = unitsByCode(jobs);
    }

    static void checkParameters(Problems p, Map<String, String> parameters, ImportJobs jobs, Actor actor) {
        String service = parameters.get("service");
        String stage = parameters.get("stage");
        if (service != null) {
            ServiceDescriptor d = jobs.services().catalogue(actor).stream().map(CatalogueEntry::descriptor)
                    .filter(x -> x.code().equals(service)).findFirst().orElse(null);
            if (d == null) {
                p.add("parameters.service", "UNKNOWN_SERVICE", "no digital service " + service);
            } else if (stage != null && d.stage(stage).isEmpty()) {
                p.add("parameters.stage", "UNKNOWN_STAGE", "service " + service + " has no stage " + stage);
            }
        } else if (stage != null) {
            p.add("parameters.service", "REQUIRED", "a default stage needs a default service");
        }
        String asOf = parameters.get("asOf");
        if (asOf != null) {
            try {
                LocalDate.parse(asOf);
            } catch (java.time.format.DateTimeParseException e) {
                p.add("parameters.asOf", "NOT_A_DATE", "asOf must be a date, yyyy-MM-dd");
            }
        }
        String basis = parameters.get("basis");
        if (basis != null && basis.length() > 300) {
            p.add("parameters.basis", "TOO_LONG", "basis must be at most 300 characters");
        }
    }

    @Override
    Map<String, Boolean> columns() {
        return COLUMNS;
    }

    @Override
    Map<String, String> aliases() {
        return ALIASES;
    }

    @Override
    void check(long line, Row row) {
        LocalDate due = date(line, row, "due_on");
        if (due == null && row.get("due_on") == null) {
            reject(line, "due_on", "REQUIRED", "due_on is required");
        } else if (due != null && (due.getYear() < 2000 || due.getYear() > 2999)) {
            reject(line, "due_on", "OUT_OF_RANGE", "due_on must be between 2000 and 2999");
        }
        BigDecimal rate = percent(line, row.get("target_percent"));
        String serviceCode = row.get("service") != null ? row.get("service") : parameters.get("service");
        ServiceDescriptor service = null;
        if (serviceCode == null) {
            reject(line, "service", "REQUIRED", "service is required (a column or a parameter of the file)");
        } else if ((service = catalogue.get(serviceCode)) == null) {
            reject(line, "service", "UNKNOWN_SERVICE", "no digital service has this code");
        }
        String stage = row.get("stage") != null ? row.get("stage") : parameters.get("stage");
        if (service != null) {
            if (stage == null) {
                stage = service.adoptedStage();
            } else if (service.stage(stage).isEmpty()) {
                reject(line, "stage", "UNKNOWN_STAGE", "the service has no such stage");
            }
        }
        String basis = row.get("basis") != null ? row.get("basis") : parameters.get("basis");
        if (basis != null && basis.length() > 300) {
            reject(line, "basis", "TOO_LONG", "basis must be at most 300 characters");
        }
        LocalDate asOf = row.get("as_of") != null ? date(line, row, "as_of")
                : parameters.containsKey("asOf") ? LocalDate.parse(parameters.get("asOf")) : due;
        Long unit = null;
        String code = row.get("unit_code");
        if (code == null) {
            reject(line, "unit_code", "REQUIRED", "unit_code is required");
        } else if (asOf != null) {
            unit = unitOn(units, code, asOf);
            if (unit == null) {
                reject(line, "unit_code", "UNKNOWN_UNIT", "no unit has this code on " + asOf);
            } else if (scope != null && !scope.contains(unit, asOf)) {
                reject(line, "unit_code", "OUT_OF_SCOPE", "the unit is outside your scope on " + asOf);
            }
        }
        if (rejected()) {
            return;
        }
        staged.add(new Object[]{line, unit, serviceCode, stage, due, rate, basis});
    }

    private BigDecimal percent(long line, String text) {
        if (text == null) {
            reject(line, "target_percent", "REQUIRED", "target_percent is required");
            return null;
        }
        try {
            BigDecimal v = new BigDecimal(text.replace("%", "").replace(',', '.').strip());
            BigDecimal share = v.divide(BigDecimal.valueOf(100), 6, RoundingMode.HALF_UP);
            if (share.signum() <= 0 || v.compareTo(BigDecimal.valueOf(100)) > 0) {
                reject(line, "target_percent", "OUT_OF_RANGE", "target_percent must be at least 0.0001 and at most 100");
                return null;
            }
            return share;
        } catch (NumberFormatException e) {
            reject(line, "target_percent", "NOT_A_NUMBER", "target_percent must be a number, e.g. 80 or 80,5");
            return null;
        }
    }

    @Override
    long load(SqlSession s) {
        if (staged.isEmpty()) {
            return 0;
        }
        IndicatorMapper m = s.getMapper(IndicatorMapper.class);
        m.prepareTargetStage();
        Copy.into(s, "target_stage", "line, unit_id, service_code, stage_code, due_on, rate, basis", staged);
        return m.upsertStagedTargets(job.id(), job.startedBy());
    }

    @Override
    void committed() {
        staged.clear();
    }

    /** Rates read these figures right after an import: the planner must not believe the table empty. */
    @Override
    void analyze() {
        jobs.db().bulk(session -> {
            session.getMapper(ImportMapper.class).analyzeFigures();
            return null;
        });
    }
}
