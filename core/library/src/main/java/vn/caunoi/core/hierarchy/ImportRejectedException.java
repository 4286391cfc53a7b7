package vn.caunoi.core.hierarchy;

import vn.caunoi.core.common.CauNoiException;

import java.util.List;
import java.util.stream.Collectors;

/** A file was refused as a whole: nothing of it was applied. Lists every problem found. */
public final class ImportRejectedException extends CauNoiException {

    private final List<ImportProblem> problems;

    public ImportRejectedException(List<ImportProblem> problems) {
        super(problems.size() + " problem(s), nothing was applied:\n"
                + problems.stream().limit(50).map(ImportProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ImportProblem> problems() {
        return problems;
    }

    @Override
    public String code() {
        return "IMPORT_REJECTED";
    }
}
