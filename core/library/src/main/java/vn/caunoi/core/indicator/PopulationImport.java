package vn.caunoi.core.indicator;

import vn.caunoi.core.access.Operation;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.imports.ImportJob;
import vn.caunoi.core.imports.Loader;
import vn.caunoi.core.imports.LoaderFactory;

import java.util.Map;

/** Population figures per unit and year, the denominators of the rates: imported by the province. */
public final class PopulationImport implements LoaderFactory {

    private final Context ctx;

    public PopulationImport(Context ctx) {
        this.ctx = ctx;
        ctx.db().register(IndicatorMapper.class);
    }

    @Override
    public Operation operation() {
        return Operation.IMPORT_FIGURES;
    }

    @Override
    public boolean acceptsParameter(String name) {
        return false;
    }

    @Override
    public void checkParameters(Problems p, Map<String, String> parameters, Actor actor) {
        // A file of population figures takes no parameters: each row says all.
    }

    @Override
    public Loader loader(Actor actor, ImportJob job, Map<String, String> parameters) {
        return new PopulationLoader(ctx, actor, job);
    }
}
