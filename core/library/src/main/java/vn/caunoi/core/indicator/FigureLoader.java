package vn.caunoi.core.indicator;

import vn.caunoi.core.context.Context;
import vn.caunoi.core.imports.Columns;
import vn.caunoi.core.imports.ImportJob;
import vn.caunoi.core.imports.Loader;

import java.util.ArrayList;
import java.util.List;

/** What the loaders of the indicators' figures (population, targets) share: staged rows, and fresh statistics at the end. */
abstract class FigureLoader extends Loader {

    protected final Context ctx;
    /** The chunk's accepted rows, in the column order of its staging table. */
    protected final List<Object[]> staged = new ArrayList<>();

    FigureLoader(Context ctx, ImportJob job, Columns columns) {
        super(job, columns);
        this.ctx = ctx;
    }

    @Override
    protected void committed() {
        staged.clear();
    }

    /** Rates read these figures right after an import: the planner must not believe the tables empty. */
    @Override
    protected void complete() {
        ctx.db().bulk(tx -> {
            tx.mapper(IndicatorMapper.class).analyzeFigures();
            return null;
        });
    }
}
