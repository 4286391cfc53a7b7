package vn.caunoi.core.imports;

import vn.caunoi.core.common.Page;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.store.Database;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The rejected rows of a job: by page, or as a CSV report a person opens in Excel. */
final class RejectionReport {

    private static final int PAGE = 5000;

    private final Database db;

    RejectionReport(Database db) {
        this.db = db;
        db.register(ImportMapper.class);
    }

    Page<Rejection> page(long jobId, PageRequest page) {
        return db.read(tx -> {
            ImportMapper m = tx.mapper(ImportMapper.class);
            return new Page<>(m.rejections(jobId, page.offset(), page.limit()).stream()
                    .map(r -> new Rejection(r.line, r.columnName, r.code, r.reason)).toList(),
                    m.rejectionCount(jobId), page.offset());
        });
    }

    /**
     * The report as CSV (UTF-8 with a byte-order mark, so that Excel shows Vietnamese), written page
     * by page: memory does not grow with the number of rejections.
     */
    void write(long jobId, Writer out) throws IOException {
        out.write('\uFEFF');
        out.write("line,column,code,reason\r\n");
        int offset = 0;
        while (true) {
            int from = offset;
            List<ImportMapper.RejectionRow> rows = db.read(tx -> tx.mapper(ImportMapper.class).rejections(jobId, from, PAGE));
            for (ImportMapper.RejectionRow r : rows) {
                out.write(r.line + "," + cell(r.columnName) + "," + cell(r.code) + "," + cell(r.reason) + "\r\n");
            }
            if (rows.size() < PAGE) {
                break;
            }
            offset += rows.size();
        }
        out.flush();
    }

    private static String cell(String v) {
        if (v == null) {
            return "";
        }
        return v.matches("[^,\"\r\n]*") ? v : "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
