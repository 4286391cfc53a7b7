package vn.caunoi.core.indicator;

import vn.caunoi.core.access.Operation;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.imports.ImportJob;
import vn.caunoi.core.imports.Loader;
import vn.caunoi.core.imports.LoaderFactory;

import java.util.Map;

/** Adoption targets (a province's resolution) per unit, service, stage and due date: imported by the province. */
public final class TargetImport implements LoaderFactory {

    private final Context ctx;

    public TargetImport(Context ctx) {
        this.ctx = ctx;
        ctx.db().register(IndicatorMapper.class);
    }

    @Override
    public Operation operation() {
        return Operation.IMPORT_FIGURES;
    }

    @Override
    public boolean acceptsParameter(String name) {
        return TargetLoader.PARAMETERS.contains(name);
    }

    @Override
    public void checkParameters(Problems p, Map<String, String> parameters, Actor actor) {
        TargetLoader.checkParameters(p, parameters, ctx, actor);
    }

    @Override
    public Loader loader(Actor actor, ImportJob job, Map<String, String> parameters) {
        return new TargetLoader(ctx, actor, job, parameters);
    }
}
