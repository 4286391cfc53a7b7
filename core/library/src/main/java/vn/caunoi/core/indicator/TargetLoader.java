package vn.caunoi.core.indicator;

import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.digital.CatalogueEntry;
import vn.caunoi.core.hierarchy.UnitCodes;
import vn.caunoi.core.imports.Columns;
import vn.caunoi.core.imports.ImportJob;
import vn.caunoi.core.imports.Loader;
import vn.caunoi.core.imports.LoaderFactory;
import vn.caunoi.core.store.Copy;
import vn.caunoi.core.store.Tx;
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
final class TargetLoader extends FigureLoader {

    static final Set<String> PARAMETERS = Set.of("service", "stage", "basis", "asOf");

    static final Columns COLUMNS = Columns.builder()
            .required("unit_code", "ma_don_vi")
            .required("due_on", "han", "thoi_han")
            .required("target_percent", "chi_tieu", "chi_tieu_phan_tram")
            .optional("service", "dich_vu")
            .optional("stage", "buoc")
            .optional("basis", "can_cu")
            .optional("as_of", "theo_ban_do_ngay")
            .build();

    private final UnitCodes units;
    private final Map<String, ServiceDescriptor> catalogue = new HashMap<>();
    private final Map<String, String> parameters;
    /** Where the importer may set figures; null for everywhere. */
    private final Access.ScopeIntervals scope;

    TargetLoader(Context ctx, Actor actor, ImportJob job, Map<String, String> parameters) {
        super(ctx, job, COLUMNS);
        this.scope = ctx.access().intervals(actor);
        this.parameters = parameters;
        ctx.services().catalogue(actor).forEach(e -> catalogue.put(e.code(), e.descriptor()));
        this.units = ctx.hierarchy().codes(actor, null);
    }

    static void checkParameters(Problems p, Map<String, String> parameters, Context ctx, Actor actor) {
        String service = parameters.get("service");
        String stage = parameters.get("stage");
        if (service != null) {
            ServiceDescriptor d = ctx.services().catalogue(actor).stream().map(CatalogueEntry::descriptor)
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
    protected void check(long line, Row row) {
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
            unit = units.unitOn(code, asOf);
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
    protected long load(Tx tx) {
        if (staged.isEmpty()) {
            return 0;
        }
        IndicatorMapper m = tx.mapper(IndicatorMapper.class);
        m.prepareTargetStage();
        Copy.into(tx, "target_stage", "line, unit_id, service_code, stage_code, due_on, rate, basis", staged);
        return m.upsertStagedTargets(job.id(), job.startedBy());
    }
}
