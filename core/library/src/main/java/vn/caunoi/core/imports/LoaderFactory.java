package vn.caunoi.core.imports;

import vn.caunoi.core.access.Operation;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Problems;

import java.util.Map;

/**
 * One kind of file the imports take (an agency's adoption list, population figures, targets): who
 * may import it, which parameters it takes, and the loader that checks and writes its rows. Each
 * feature declares its own kind; the imports run them all the same way.
 */
public interface LoaderFactory {

    /** What an import of this kind is, for the access rules. */
    Operation operation();

    /** Whether a file of this kind takes this parameter (a default for its rows). */
    boolean acceptsParameter(String name);

    /** Records every problem of the parameters, before anything of the file is read. */
    void checkParameters(Problems p, Map<String, String> parameters, Actor actor);

    /** A loader for one run of the job. */
    Loader loader(Actor actor, ImportJob job, Map<String, String> parameters);
}
