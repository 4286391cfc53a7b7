package vn.caunoi.core.imports;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.caunoi.core.Fixtures;
import vn.caunoi.core.store.Copy;
import vn.caunoi.core.store.Database;
import vn.caunoi.core.store.Json;
import vn.caunoi.testkit.TestDatabases;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The SQL of import jobs: one job per kind and file content, progress committed chunk by chunk, the end of a run, rejected rows. */
class ImportMapperTest {

    static Database db;

    @BeforeAll
    static void noJobYet() {
        db = new Database(TestDatabases.freshDatabase());
        db.register(ImportMapper.class);
    }

    static void rolledBack(Consumer<ImportMapper> test) {
        Fixtures.rolledBack(db, tx -> test.accept(tx.mapper(ImportMapper.class)));
    }

    static ImportMapper.JobRow job(String kind, String fileName, String sha256, String parameters) {
        ImportMapper.JobRow row = new ImportMapper.JobRow();
        row.kind = kind;
        row.fileName = fileName;
        row.fileFormat = "CSV";
        row.contentSha256 = sha256;
        row.parameters = parameters;
        row.bytesTotal = 4_096L;
        row.startedBy = "importer";
        return row;
    }

    /** A new ADOPTION job of a file with this content hash, and its id. */
    static long newJob(ImportMapper m, String sha256) {
        m.insertJob(job("ADOPTION", sha256 + ".csv", sha256, "{}"));
        return m.findJob("ADOPTION", sha256).id;
    }

    @Test
    void a_file_is_one_job_per_kind_and_content_and_find_job_reads_it_back_as_it_was_started() {
        rolledBack(m -> {
            // given an agency's list of VNeID at level 2
            int created = m.insertJob(job("ADOPTION", "danh-sach.csv", "5e1f", "{\"service\": \"vneid\", \"stage\": \"LEVEL_2_ACTIVATED\"}"));

            // when the same content is sent again under another name, and as population figures
            int sameFileAgain = m.insertJob(job("ADOPTION", "danh-sach-gui-lai.csv", "5e1f", "{}"));
            int asAnotherKind = m.insertJob(job("POPULATION", "dan-so.csv", "5e1f", "{}"));

            // then
            assertThat(created).isEqualTo(1);
            assertThat(sameFileAgain).isZero();
            assertThat(asAnotherKind).isEqualTo(1);
            ImportMapper.JobRow found = m.findJob("ADOPTION", "5e1f");
            assertThat(found.fileName).isEqualTo("danh-sach.csv");
            assertThat(Json.stringMap(found.parameters)).isEqualTo(Map.of("service", "vneid", "stage", "LEVEL_2_ACTIVATED"));
            assertThat(found.state).isEqualTo("RUNNING");
            assertThat(found.bytesTotal).isEqualTo(4_096L);
            assertThat(found.fractionDone).isZero();
            assertThat(found.lastLine).isZero();
            assertThat(found.rowsDone).isZero();
            assertThat(found.finishedAt).isNull();
            assertThat(m.findJob("POPULATION", "5e1f").fileName).isEqualTo("dan-so.csv");
            assertThat(m.findJob("TARGET", "5e1f")).isNull();
        });
    }

    @Test
    void progress_adds_the_rows_of_each_chunk_and_finish_done_completes_the_fraction() {
        rolledBack(m -> {
            // given a job and its first chunk: 100 rows up to line 120, 3 rejected
            long id = newJob(m, "c0ffee");
            m.progress(id, 120, 100, 97, 3, 0.4, 250.0, 45.0);

            // when the second chunk commits and the run ends
            m.progress(id, 250, 130, 130, 0, 0.9, 260.0, 5.0);
            ImportMapper.JobRow afterTwoChunks = m.job(id);
            m.finish(id, "DONE", null);
            ImportMapper.JobRow done = m.job(id);

            // then
            assertThat(afterTwoChunks.lastLine).isEqualTo(250);
            assertThat(afterTwoChunks.rowsDone).isEqualTo(230);
            assertThat(afterTwoChunks.rowsAccepted).isEqualTo(227);
            assertThat(afterTwoChunks.rowsRejected).isEqualTo(3);
            assertThat(afterTwoChunks.fractionDone).isEqualTo(0.9);
            assertThat(afterTwoChunks.rowsPerSecond).isEqualTo(260.0);
            assertThat(afterTwoChunks.etaSeconds).isEqualTo(5.0);
            assertThat(done.state).isEqualTo("DONE");
            assertThat(done.fractionDone).isEqualTo(1.0);
            assertThat(done.etaSeconds).isZero();
            assertThat(done.finishedAt).isEqualTo(done.updatedAt);
            assertThat(done.failure).isNull();
            assertThat(done.rowsDone).isEqualTo(230);
            assertThat(m.unfinished()).isEmpty();
        });
    }

    @Test
    void a_failed_job_keeps_its_fraction_forgets_its_eta_and_is_listed_as_unfinished_again_once_restarted() {
        rolledBack(m -> {
            // given four jobs: one fails after 30 %, one is interrupted, one runs, one is done
            long failed = newJob(m, "aaaa");
            long interrupted = newJob(m, "bbbb");
            long running = newJob(m, "cccc");
            long done = newJob(m, "dddd");
            m.progress(failed, 300, 300, 300, 0, 0.3, 100.0, 70.0);
            m.finish(failed, "FAILED", "the file is not a workbook");
            m.finish(interrupted, "INTERRUPTED", null);
            m.finish(done, "DONE", null);

            // when
            ImportMapper.JobRow failedRow = m.job(failed);
            List<ImportMapper.JobRow> unfinished = m.unfinished();
            m.start(failed);
            List<ImportMapper.JobRow> unfinishedAfterRestart = m.unfinished();

            // then
            assertThat(failedRow.state).isEqualTo("FAILED");
            assertThat(failedRow.failure).isEqualTo("the file is not a workbook");
            assertThat(failedRow.fractionDone).isEqualTo(0.3);
            assertThat(failedRow.etaSeconds).isNull();
            assertThat(failedRow.finishedAt).isNull();
            assertThat(unfinished).extracting(j -> j.id, j -> j.state).containsExactly(
                    tuple(interrupted, "INTERRUPTED"), tuple(running, "RUNNING"));
            assertThat(unfinishedAfterRestart).extracting(j -> j.id, j -> j.state, j -> j.failure, j -> j.lastLine).containsExactly(
                    tuple(failed, "RUNNING", null, 300L), tuple(interrupted, "INTERRUPTED", null, 0L), tuple(running, "RUNNING", null, 0L));
        });
    }

    @Test
    void rejections_are_read_by_line_then_column_the_whole_row_first_and_paged() {
        Fixtures.rolledBack(db, tx -> {
            // given five rejections of one job, written by COPY as the loader writes them, and one of another job
            ImportMapper m = tx.mapper(ImportMapper.class);
            long job = newJob(m, "eeee");
            long other = newJob(m, "ffff");
            Copy.into(tx, "import_rejection", "job_id, line, column_name, code, reason", List.of(
                    new Object[]{job, 7, "village", "UNKNOWN_UNIT", "no unit has code 10009.01 on 2025-03-01"},
                    new Object[]{job, 3, "citizen_id", "NOT_12_DIGITS", "a citizen ID number has exactly 12 digits"},
                    new Object[]{job, 3, null, "DUPLICATE_ROW", "the same row as line 2"},
                    new Object[]{job, 12, null, "TOO_MANY_CELLS", "9 cells, the header has 8"},
                    new Object[]{job, 3, "birth_year", "DOES_NOT_MATCH_CITIZEN_ID", "the birth year does not agree"},
                    new Object[]{other, 1, null, "EMPTY", "an empty row"}));

            // when
            List<ImportMapper.RejectionRow> firstPage = m.rejections(job, 0, 3);
            List<ImportMapper.RejectionRow> secondPage = m.rejections(job, 3, 3);

            // then
            assertThat(firstPage).extracting(r -> r.line, r -> r.columnName, r -> r.code).containsExactly(
                    tuple(3L, null, "DUPLICATE_ROW"),
                    tuple(3L, "birth_year", "DOES_NOT_MATCH_CITIZEN_ID"),
                    tuple(3L, "citizen_id", "NOT_12_DIGITS"));
            assertThat(secondPage).extracting(r -> r.line, r -> r.columnName, r -> r.code, r -> r.reason).containsExactly(
                    tuple(7L, "village", "UNKNOWN_UNIT", "no unit has code 10009.01 on 2025-03-01"),
                    tuple(12L, null, "TOO_MANY_CELLS", "9 cells, the header has 8"));
            assertThat(m.rejectionCount(job)).isEqualTo(5);
            assertThat(m.rejectionCount(other)).isEqualTo(1);
        });
    }
}
