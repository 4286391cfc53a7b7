package vn.caunoi.core.adoption;

import vn.caunoi.core.access.Operation;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Problems;
import vn.caunoi.core.context.Context;
import vn.caunoi.core.imports.ImportJob;
import vn.caunoi.core.imports.Loader;
import vn.caunoi.core.imports.LoaderFactory;

import java.util.Map;

/**
 * Lists of residents with their adoption (an agency's list of VNeID level 2 activations, a bank's
 * list of opened accounts, a team's survey), loaded by the officers of the communes they cover.
 */
public final class AdoptionImport implements LoaderFactory {

    private final Context ctx;

    public AdoptionImport(Context ctx) {
        this.ctx = ctx;
        ctx.db().register(AdoptionMapper.class);
    }

    @Override
    public Operation operation() {
        return Operation.IMPORT_ADOPTION;
    }

    @Override
    public boolean acceptsParameter(String name) {
        return AdoptionLoader.PARAMETERS.contains(name) || name.startsWith("attr.");
    }

    @Override
    public void checkParameters(Problems p, Map<String, String> parameters, Actor actor) {
        AdoptionLoader.checkParameters(p, parameters, ctx.services());
    }

    @Override
    public Loader loader(Actor actor, ImportJob job, Map<String, String> parameters) {
        return new AdoptionLoader(ctx, actor, job, parameters);
    }
}
