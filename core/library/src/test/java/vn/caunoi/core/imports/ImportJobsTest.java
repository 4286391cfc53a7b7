package vn.caunoi.core.imports;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import vn.caunoi.core.Fixtures;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.adoption.ResidentTestAccess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/** Bulk imports: rejections, re-imports, a crash and its resume, XLSX, whole-file failures, population. */
class ImportJobsTest {

    static ResidentTestAccess province;
    static ImportJobs imports;
    @TempDir
    Path dir;

    @BeforeAll
    static void province() {
        province = new ResidentTestAccess();
        imports = province.caunoi().imports();
    }

    @BeforeEach
    void empty() {
        province.clearResidents();
    }

    static String id(int n) {
        return ResidentTestAccess.citizenId(1950 + n % 60, n % 2 == 1, 100_000 + n);
    }

    /** {@code rows} good rows, each a new resident reaching id/LEVEL_2 in 10001.01 on 2024-09-01 + n % 30 days. */
    static StringBuilder goodRows(int rows) {
        StringBuilder csv = new StringBuilder("citizen_id,birth_year,village_code,occurred_on,attr.device\n");
        for (int n = 0; n < rows; n++) {
            csv.append(id(n)).append(',').append(1950 + n % 60).append(",10001.01,").append(LocalDate.of(2024, 9, 1).plusDays(n % 30))
                    .append(",ANDROID\n");
        }
        return csv;
    }

    Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    static ImportJobs.Request level2(Path f) {
        return new ImportJobs.Request(ImportJob.Kind.ADOPTION, f, null, Map.of("service", "id", "stage", "LEVEL_2", "agency", "Công an tỉnh"));
    }

    @Test
    void valid_rows_are_committed_and_each_rejected_row_is_reported_by_line_column_and_code_without_its_value() throws IOException {
        StringBuilder csv = goodRows(40);
        csv.append("12345,1980,10001.01,2024-09-01,ANDROID\n");                       // line 42: not 12 digits
        csv.append(id(500)).append(",1999,10001.01,2024-09-01,ANDROID\n");            // line 43: birth year disagrees
        csv.append(id(501)).append(",,99999.01,2024-09-01,ANDROID\n");                // line 44: unknown village
        csv.append(id(502)).append(",,10001.01,1/13/2024,ANDROID\n");                 // line 45: not a date
        csv.append(id(503)).append(",,10001.01,2024-09-01,NOKIA,extra\n");            // line 46: a cell beyond the header
        csv.append(id(504)).append(",,,,\n");                                          // line 47: village and date missing
        ImportJob job = imports.run(Fixtures.SYSTEM, level2(file("list.csv", csv.toString())), null);

        assertThat(job.state()).isEqualTo(ImportJob.State.DONE);
        assertThat(job.rowsDone()).isEqualTo(46);
        assertThat(job.rowsAccepted()).isEqualTo(40);
        assertThat(job.rowsRejected()).isEqualTo(6);
        assertThat(job.lastLine()).isEqualTo(47);
        assertThat(job.fractionDone()).isEqualTo(1.0);
        List<Rejection> rejections = imports.rejections(Fixtures.SYSTEM, job.id(), PageRequest.of(100, 0)).items();
        assertThat(rejections).extracting(r -> r.line() + " " + r.column() + " " + r.code()).containsExactly(
                "42 citizen_id NOT_12_DIGITS", "43 birth_year DOES_NOT_MATCH_CITIZEN_ID", "44 village_code UNKNOWN_VILLAGE",
                "45 occurred_on NOT_A_DATE", "46 null EXTRA_CELLS", "47 occurred_on REQUIRED", "47 village_code REQUIRED");
        assertThat(province.count("resident")).isEqualTo(40);
        assertThat(province.count("adoption_event")).isEqualTo(40);
        assertThat(province.caunoi().counts().checkCounts(Fixtures.SYSTEM).exact()).isTrue();
        assertThat(province.atStage(LocalDate.of(2024, 12, 1))).containsExactly(Map.entry("10001.01|id|LEVEL_2", "40"));

        StringWriter report = new StringWriter();
        imports.writeRejectionReport(Fixtures.SYSTEM, job.id(), report);
        assertThat(report.toString()).startsWith("\uFEFFline,column,code,reason\r\n42,citizen_id,NOT_12_DIGITS,")
                .doesNotContain(id(500)).doesNotContain(id(501)).doesNotContain("12345,");
        for (String value : province.allText()) {
            assertThat(value).doesNotContain(id(0)).doesNotContain(id(500)).doesNotContain(id(0).substring(0, 9));
        }
    }

    @Test
    void rejections_name_the_line_of_the_file_across_blank_lines_and_cells_on_several_lines() throws IOException {
        String csv = "citizen_id,village_code,occurred_on,attr.device\n"
                + "\n"                                                              // line 2: blank
                + id(1) + ",10001.01,2024-09-01,\"ANDROID\"\n"                     // line 3
                + id(2) + ",10001.01,2024-13-01,\"AND\nROID\"\n"                    // lines 4-5: a cell on two lines
                + "034,10001.01,2024-09-01,ANDROID\n";                               // line 6
        ImportJob job = imports.run(Fixtures.SYSTEM, level2(file("lines.csv", csv)), null);
        assertThat(job.rowsDone()).isEqualTo(3);
        assertThat(imports.rejections(Fixtures.SYSTEM, job.id(), PageRequest.of(10, 0)).items())
                .extracting(r -> r.line() + " " + r.column() + " " + r.code())
                .containsExactly("4 occurred_on NOT_A_DATE", "6 citizen_id NOT_12_DIGITS");
    }

    @Test
    void a_broken_quote_fails_the_file_with_its_line_and_never_reads_the_rest_into_memory() throws IOException {
        String badQuote = "citizen_id,village_code,occurred_on\n" + id(1) + ",10001.01,2024-09-01\n" + id(2) + ",\"10001\"01,2024-09-01\n";
        ImportJob job = imports.run(Fixtures.SYSTEM, level2(file("quote.csv", badQuote)), null);
        assertThat(job.state()).isEqualTo(ImportJob.State.FAILED);
        assertThat(job.failure()).contains("line 3 is not valid CSV");
        StringBuilder open = new StringBuilder("citizen_id,village_code,occurred_on\n" + id(1) + ",\"10001.01,2024-09-01\n");
        for (int i = 0; i < 60_000; i++) {
            open.append(id(i)).append(",10001.01,2024-09-01\n");
        }
        job = imports.run(Fixtures.SYSTEM, level2(file("open-quote.csv", open.toString())), null);
        assertThat(job.state()).isEqualTo(ImportJob.State.FAILED);
        assertThat(job.failure()).contains("line 2").contains("quote");
        assertThat(province.count("adoption_event")).isZero();
    }

    @Test
    void importing_the_same_file_again_changes_nothing() throws IOException {
        Path f = file("again.csv", goodRows(30).toString());
        ImportJob first = imports.run(Fixtures.SYSTEM, level2(f), null);
        Map<String, String> counts = province.counts();
        long events = province.count("adoption_event");
        ImportJob second = imports.run(Fixtures.SYSTEM, level2(f), null);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.state()).isEqualTo(ImportJob.State.DONE);
        assertThat(province.counts()).isEqualTo(counts);
        assertThat(province.count("adoption_event")).isEqualTo(events);
        // The same rows in another file (a list sent again with a new heading order) add no event either.
        String reordered = goodRows(30).toString().replace("citizen_id,birth_year", "CCCD,Năm sinh");
        ImportJob third = imports.run(Fixtures.SYSTEM, level2(file("again-2.csv", reordered)), null);
        assertThat(third.id()).isNotEqualTo(first.id());
        assertThat(third.rowsAccepted()).isEqualTo(30);
        assertThat(province.counts()).isEqualTo(counts);
        assertThat(province.count("adoption_event")).isEqualTo(events);
        assertThatThrownBy(() -> imports.run(Fixtures.SYSTEM, new ImportJobs.Request(ImportJob.Kind.ADOPTION, f, null,
                Map.of("service", "id", "stage", "LEVEL_1")), null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.reason()).isEqualTo("FILE_IMPORTED_WITH_OTHER_PARAMETERS"));
    }

    /** Stands for the process dying: not an exception the import could catch and record. */
    static final class Crash extends Error {
    }

    @Test
    void a_run_that_dies_in_the_middle_loses_nothing_it_reported_and_a_re_run_completes_it() throws IOException {
        StringBuilder csv = goodRows(100);
        csv.append("not-an-id,,10001.01,2024-09-01,ANDROID\n");
        Path f = file("crash.csv", csv.toString());
        AtomicInteger chunks = new AtomicInteger();
        List<ImportJob> reported = new ArrayList<>();
        assertThatThrownBy(() -> imports.withChunkSize(7).run(Fixtures.SYSTEM, level2(f), job -> {
            reported.add(job);
            if (chunks.incrementAndGet() == 3) {
                throw new Crash();
            }
        })).isInstanceOf(Crash.class);
        ImportJob stopped = reported.get(reported.size() - 1);
        assertThat(stopped.state()).isEqualTo(ImportJob.State.RUNNING);
        assertThat(stopped.rowsDone()).isEqualTo(21);
        assertThat(stopped.rowsPerSecond()).isPositive();
        assertThat(stopped.etaSeconds()).isNotNull();
        assertThat(province.count("adoption_event")).isEqualTo(21);
        // The monthly changes of the committed chunks wait for the job's end, and count meanwhile;
        // their daily changes were folded beside the chunks that followed (the runner lets the
        // fold in flight end even when the job stops).
        assertThat(province.count("adoption_month_pending")).isPositive();
        assertThat(province.count("adoption_count_pending")).isZero();
        assertThat(province.caunoi().counts().checkCounts(Fixtures.SYSTEM).exact()).isTrue();

        ImportJob resumed = imports.withChunkSize(7).run(Fixtures.SYSTEM, level2(f), null);
        assertThat(resumed.id()).isEqualTo(stopped.id());
        assertThat(resumed.state()).isEqualTo(ImportJob.State.DONE);
        assertThat(resumed.rowsDone()).isEqualTo(101);
        assertThat(resumed.rowsAccepted()).isEqualTo(100);
        assertThat(resumed.rowsRejected()).isEqualTo(1);
        assertThat(imports.rejections(Fixtures.SYSTEM, resumed.id(), PageRequest.of(10, 0)).totalCount()).isEqualTo(1);
        Map<String, String> resumedCounts = province.counts();
        Map<String, String> resumedLevels = levels();
        assertThat(province.caunoi().counts().checkCounts(Fixtures.SYSTEM).exact()).isTrue();
        assertThat(province.count("adoption_count_pending")).isZero();
        assertThat(province.count("adoption_month_pending")).isZero();

        province.clearResidents();
        imports.run(Fixtures.SYSTEM, level2(file("once.csv", csv.toString())), null);
        assertThat(province.counts()).isEqualTo(resumedCounts);
        assertThat(levels()).isNotEmpty().isEqualTo(resumedLevels);
    }

    @Test
    void a_file_that_fails_after_some_chunks_committed_keeps_them_with_their_monthly_levels_carried() throws IOException {
        StringBuilder csv = goodRows(30);
        csv.append(id(99)).append(",1980,\"10001\"01,2024-09-01,ANDROID\n");
        ImportJob job = imports.withChunkSize(7).run(Fixtures.SYSTEM, level2(file("late-quote.csv", csv.toString())), null);
        assertThat(job.state()).isEqualTo(ImportJob.State.FAILED);
        assertThat(job.failure()).contains("line 32");
        assertThat(province.count("adoption_event")).isBetween(21L, 30L);
        assertThat(province.count("adoption_count_pending")).isZero();
        assertThat(province.count("adoption_month_pending")).isZero();
        assertThat(province.counts()).isNotEmpty();
        assertThat(levels()).isNotEmpty();
        assertThat(province.caunoi().counts().checkCounts(Fixtures.SYSTEM).exact()).isTrue();
    }

    /** The stored monthly levels: service/stage village month → level. */
    static Map<String, String> levels() {
        return province.query("""
                select m.service_code || '/' || m.stage_code || ' ' || u.code || ' ' || m.month, m.level::text
                from adoption_month m join admin_unit u on u.id = m.village_id""");
    }

    @Test
    void an_xlsx_workbook_with_numbers_and_dates_as_excel_stores_them() throws IOException {
        Path f = dir.resolve("list.xlsx");
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(f)) {
            var sheet = wb.createSheet("Danh sách");
            CellStyle dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            Row header = sheet.createRow(0);
            String[] names = {"Số định danh", "Mã thôn", "Ngày", "attr.device"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            for (int n = 0; n < 25; n++) {
                Row row = sheet.createRow(n + 1);
                row.createCell(0).setCellValue(Double.parseDouble(id(n)));   // typed as a number: the leading 0 is gone
                row.createCell(1).setCellValue(n % 2 == 0 ? "10001.01" : "10001.02");
                var date = row.createCell(2);
                date.setCellValue(LocalDate.of(2024, 10, 1 + n));
                date.setCellStyle(dateStyle);
                row.createCell(3).setCellValue("IOS");
            }
            wb.write(out);
        }
        ImportJob job = imports.run(Fixtures.SYSTEM, level2(f), null);
        assertThat(job.format()).isEqualTo(ImportJob.Format.XLSX);
        assertThat(job.state()).as(job.failure()).isEqualTo(ImportJob.State.DONE);
        assertThat(job.rowsAccepted()).isEqualTo(25);
        assertThat(province.atStage(LocalDate.of(2024, 10, 31))).containsOnly(
                Map.entry("10001.01|id|LEVEL_2", "13"), Map.entry("10001.02|id|LEVEL_2", "12"));
        assertThat(province.caunoi().residents().resident(Fixtures.SYSTEM, id(3))).isPresent();
    }

    @Test
    void an_xlsx_workbook_saved_as_excel_does_with_every_text_in_the_shared_strings_table() throws IOException {
        Path f = dir.resolve("excel.xlsx");
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
             OutputStream out = Files.newOutputStream(f)) {
            var sheet = wb.createSheet("Kích hoạt mức 2");
            Row header = sheet.createRow(0);
            String[] names = {"CCCD", "Mã thôn", "Ngày", "attr.device", "Ghi chú"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            var rich = new org.apache.poi.xssf.usermodel.XSSFRichTextString(id(7));
            rich.applyFont(0, 3, wb.createFont());
            for (int n = 0; n < 12; n++) {
                Row row = sheet.createRow(n + 1);
                if (n == 7) {
                    row.createCell(0).setCellValue(rich);             // a rich-text run, as Excel writes partly bold text
                } else {
                    row.createCell(0).setCellValue(id(n));              // typed as text: kept in the shared strings
                }
                row.createCell(1).setCellValue("10001.02");
                row.createCell(2).setCellValue(String.format("%02d/11/2024", n + 1));
                row.createCell(3).setCellValue("ANDROID");
            }
            wb.write(out);
        }
        ImportJob job = imports.run(Fixtures.SYSTEM, new ImportJobs.Request(ImportJob.Kind.ADOPTION, f, null,
                Map.of("service", "id", "stage", "LEVEL_1")), null);
        assertThat(job.state()).as(job.failure()).isEqualTo(ImportJob.State.FAILED);
        assertThat(job.failure()).contains("unknown column Ghi chú");
        Path g = dir.resolve("excel-2.xlsx");
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(f));
             OutputStream out = Files.newOutputStream(g)) {
            wb.getSheetAt(0).getRow(0).getCell(4).setCellValue("attr.note");
            wb.write(out);
        }
        job = imports.run(Fixtures.SYSTEM, new ImportJobs.Request(ImportJob.Kind.ADOPTION, g, null, Map.of("service", "id", "stage", "LEVEL_1")), null);
        assertThat(job.state()).as(job.failure()).isEqualTo(ImportJob.State.DONE);
        assertThat(job.rowsAccepted()).isEqualTo(12);
        assertThat(province.atStage(LocalDate.of(2024, 12, 1))).containsExactly(Map.entry("10001.02|id|LEVEL_1", "12"));
        assertThat(province.caunoi().residents().resident(Fixtures.SYSTEM, id(7))).isPresent();
    }

    @Test
    void a_file_without_its_heading_row_is_refused_without_repeating_the_citizen_id_it_starts_with() throws IOException {
        ImportJob job = imports.run(Fixtures.SYSTEM, level2(file("no-heading.csv", id(1) + ",10001.01,2024-09-01\n")), null);
        assertThat(job.state()).isEqualTo(ImportJob.State.FAILED);
        assertThat(job.failure()).contains("is the first row data?").doesNotContain(id(1)).doesNotContain(id(1).substring(0, 9));
    }

    @Test
    void a_file_that_cannot_be_read_fails_as_a_whole_with_the_reason_and_loads_nothing() throws IOException {
        Map<String, String> cases = Map.of(
                "unknown-column.csv", "citizen_id,village_code,favourite_colour\n" + id(1) + ",10001.01,blue\n",
                "missing-column.csv", "citizen_id,occurred_on\n" + id(1) + ",2024-09-01\n",
                "empty.csv", "");
        for (var c : cases.entrySet()) {
            ImportJob job = imports.run(Fixtures.SYSTEM, level2(file(c.getKey(), c.getValue())), null);
            assertThat(job.state()).as(c.getKey()).isEqualTo(ImportJob.State.FAILED);
            assertThat(job.failure()).as(c.getKey()).containsAnyOf("unknown column favourite_colour", "missing column village_code", "empty");
        }
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, ("citizen_id,village_code,household\n" + id(1) + ",10001.01,Nh\u00e0 \u00f4ng Ba\n").getBytes(StandardCharsets.ISO_8859_1));
        ImportJob job = imports.run(Fixtures.SYSTEM, level2(latin1), null);
        assertThat(job.state()).isEqualTo(ImportJob.State.FAILED);
        assertThat(job.failure()).contains("not UTF-8");
        Path notAWorkbook = dir.resolve("fake.xlsx");
        Files.write(notAWorkbook, new byte[]{'P', 'K', 3, 4, 1, 2, 3});
        assertThat(imports.run(Fixtures.SYSTEM, level2(notAWorkbook), null).state()).isEqualTo(ImportJob.State.FAILED);
        assertThat(province.count("resident") + province.count("adoption_event")).isZero();
        assertThatThrownBy(() -> imports.open(Fixtures.SYSTEM, new ImportJobs.Request(ImportJob.Kind.ADOPTION, latin1, null,
                Map.of("service", "nope", "stage", "X", "colour", "red"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InvalidInputException.FieldProblem::field).containsExactlyInAnyOrder("parameters.colour", "parameters.service"));
    }

    @Test
    void new_residents_of_one_row_and_of_several_rows_in_a_chunk_are_counted_exactly_and_a_later_list_adds_to_them() throws IOException {
        // given one chunk with new residents: of one row; of two stages; the same fact twice; of two villages (the latest row decides)
        String first = "citizen_id,birth_year,village_code,stage,occurred_on,attr.device\n"
                + id(1) + ",1951,10001.01,LEVEL_2,2024-09-01,ANDROID\n"
                + id(2) + ",1952,10001.02,LEVEL_1,2024-09-01,ANDROID\n"
                + id(2) + ",1952,10001.02,LEVEL_2,2024-10-01,ANDROID\n"
                + id(3) + ",1953,10002.01,LEVEL_1,2024-09-05,ANDROID\n"
                + id(3) + ",1953,10002.01,LEVEL_1,2024-09-05,ANDROID\n"
                + id(4) + ",1954,10001.01,LEVEL_1,2024-09-01,ANDROID\n"
                + id(4) + ",1954,10002.01,LEVEL_2,2024-11-01,ANDROID\n";

        // when it is imported
        ImportJob job = imports.run(Fixtures.SYSTEM, level2(file("new.csv", first)), null);

        // then each new resident has its events once, lives where its latest row says, and the counts agree with a recomputation
        assertThat(job.rowsAccepted()).isEqualTo(7);
        assertThat(province.count("resident")).isEqualTo(4);
        assertThat(province.count("residence")).isEqualTo(4);
        assertThat(province.count("adoption_event")).isEqualTo(6);
        assertThat(province.caunoi().counts().checkCounts(Fixtures.SYSTEM).exact()).isTrue();
        assertThat(province.atStage(LocalDate.of(2024, 12, 31))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "10001.01|id|LEVEL_2", "1", "10001.02|id|LEVEL_2", "1", "10002.01|id|LEVEL_1", "1", "10002.01|id|LEVEL_2", "1"));
        assertThat(province.atStage(LocalDate.of(2024, 9, 30))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "10001.01|id|LEVEL_2", "1", "10001.02|id|LEVEL_1", "1", "10002.01|id|LEVEL_1", "2"));

        // when a later list names two of them again (one moved, one a stage further) and a new one
        String later = "citizen_id,birth_year,village_code,stage,occurred_on,attr.device\n"
                + id(1) + ",1951,10002.01,LEVEL_2,2025-02-01,ANDROID\n"
                + id(3) + ",1953,10002.01,LEVEL_2,2025-02-01,ANDROID\n"
                + id(5) + ",1955,10001.01,LEVEL_1,2025-02-01,ANDROID\n";
        imports.run(Fixtures.SYSTEM, level2(file("later.csv", later)), null);

        // then the counts are still exact, and the moved resident is counted in its new village from the day it moved
        assertThat(province.caunoi().counts().checkCounts(Fixtures.SYSTEM).exact()).isTrue();
        assertThat(province.atStage(LocalDate.of(2025, 3, 1))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "10001.02|id|LEVEL_2", "1", "10002.01|id|LEVEL_2", "3", "10001.01|id|LEVEL_1", "1"));
        Map<String, String> counts = province.counts();

        // and the first list sent again, as another file with the same rows, writes nothing new
        ImportJob again = imports.run(Fixtures.SYSTEM, level2(file("new-again.csv", first.replace("citizen_id,", "cccd,"))), null);
        assertThat(again.id()).isNotEqualTo(job.id());
        assertThat(again.rowsAccepted()).isEqualTo(7);
        assertThat(province.counts()).isEqualTo(counts);
        assertThat(province.count("adoption_event")).isEqualTo(9);
    }

    /** A row of a list: a citizen, a village, and a stage reached on a day or (stage 0) none, only where the citizen lives. */
    record ListRow(int citizen, int village, int stage, int day) {
        static final String[] VILLAGES = {"10001.01", "10001.02", "10002.01"};

        String csv() {
            String date = LocalDate.of(2024, 9, 1).plusDays(day).toString();
            return id(citizen) + "," + (1950 + citizen % 60) + "," + VILLAGES[village] + ","
                    + (stage == 0 ? ",,," : "id,LEVEL_" + stage + "," + date + ",ANDROID") + "\n";
        }
    }

    /** What the import stored, without ids: each resident's residences and events, the daily counts and the monthly levels. */
    static Map<String, String> stored() {
        Map<String, String> all = new TreeMap<>(province.query("""
                select 'residences of ' || r.citizen_masked || ' ' || r.birth_year,
                       string_agg(u.code || ' from ' || x.valid_from || ' to ' || coalesce(x.valid_to::text, '-'), '; ' order by x.valid_from)
                from resident r join residence x on x.resident_id = r.id join admin_unit u on u.id = x.village_id
                group by r.citizen_masked, r.birth_year"""));
        all.putAll(province.query("""
                select 'events of ' || r.citizen_masked || ' ' || r.birth_year,
                       string_agg(u.code || ' ' || e.service_code || '/' || e.stage_code || ' ' || e.kind || ' ' || e.occurred_on, '; '
                                  order by e.occurred_on, e.stage_code)
                from resident r join adoption_event e on e.resident_id = r.id join admin_unit u on u.id = e.village_id
                group by r.citizen_masked, r.birth_year"""));
        all.putAll(province.query("""
                select 'level ' || m.service_code || '/' || m.stage_code || ' ' || u.code || ' ' || m.month, m.level::text
                from adoption_month m join admin_unit u on u.id = m.village_id"""));
        province.counts().forEach((k, v) -> all.put("count " + k, v));
        return all;
    }

    @Test
    void new_residents_written_straight_from_the_stage_are_stored_as_the_general_path_stores_them() {
        // A chunk in which no citizen repeats and nobody is on record is written straight from the stage.
        // The same list with its first row sent once more (a fact twice changes nothing) writes the
        // chunk of the repeat by the general path: the whole list when it is one chunk (a citizen
        // twice in it), else the last chunk (its citizen is on record by then), the others straight.
        Gen<ListRow> rows = integers().between(0, 11).zip(integers().between(0, 2), integers().between(0, 2), integers().between(0, 300),
                ListRow::new);
        qt().withFixedSeed(20261206L).withExamples(30).withShrinkCycles(100)
                .forAll(lists().of(rows).ofSizeBetween(1, 12), integers().between(1, 14))
                .checkAssert((generated, chunk) -> {
                    List<ListRow> list = new ArrayList<>(generated.stream()
                            .collect(Collectors.toMap(ListRow::citizen, r -> r, (a, b) -> a, LinkedHashMap::new)).values());
                    String heading = "citizen_id,birth_year,village_code,service,stage,occurred_on,attr.device\n";
                    String once = heading + list.stream().map(ListRow::csv).collect(Collectors.joining());
                    String repeated = once + list.get(0).csv();

                    province.clearResidents();
                    long straightChunks = fastPathChunks();
                    ImportJob fresh = imports.withChunkSize(chunk).run(Fixtures.SYSTEM, census(write("once.csv", once)), null);
                    straightChunks = fastPathChunks() - straightChunks;
                    Map<String, String> straight = stored();
                    assertThat(province.caunoi().counts().checkCounts(Fixtures.SYSTEM).exact()).isTrue();

                    province.clearResidents();
                    long generalChunks = fastPathChunks();
                    ImportJob general = imports.withChunkSize(chunk).run(Fixtures.SYSTEM, census(write("repeated.csv", repeated)), null);
                    generalChunks = fastPathChunks() - generalChunks;
                    assertThat(province.caunoi().counts().checkCounts(Fixtures.SYSTEM).exact()).isTrue();

                    // every chunk of the list went straight; the chunk of the repeat did not
                    int chunks = (list.size() + chunk - 1) / chunk;
                    assertThat(straightChunks).isEqualTo(chunks);
                    assertThat(generalChunks).isEqualTo((list.size() + 1 + chunk - 1) / chunk - 1);

                    assertThat(fresh.rowsAccepted()).isEqualTo(list.size());
                    assertThat(general.rowsAccepted()).isEqualTo(list.size() + 1);
                    assertThat(province.count("resident")).isEqualTo(list.size());
                    assertThat(stored()).isEqualTo(straight);
                });
    }

    @Test
    void a_list_of_new_residents_that_names_a_person_who_objected_counts_that_row_anonymously() throws IOException {
        String heading = "citizen_id,birth_year,village_code,stage,occurred_on,attr.device\n";
        imports.run(Fixtures.SYSTEM, level2(file("first.csv", heading + id(1) + ",1951,10001.01,LEVEL_1,2024-09-01,ANDROID\n")), null);
        assertThat(province.caunoi().objections().recordObjection(Fixtures.SYSTEM, id(1), LocalDate.of(2024, 10, 1))).isTrue();

        // one chunk, no citizen twice, two new residents and the person who objected: the general path
        long straight = fastPathChunks();
        ImportJob job = imports.run(Fixtures.SYSTEM, level2(file("second.csv", heading
                + id(2) + ",1952,10001.01,LEVEL_2,2024-11-01,ANDROID\n"
                + id(1) + ",1951,10001.01,LEVEL_2,2024-11-01,ANDROID\n"
                + id(3) + ",1953,10002.01,LEVEL_2,2024-11-02,ANDROID\n")), null);

        assertThat(fastPathChunks()).isEqualTo(straight);
        assertThat(job.rowsAccepted()).isEqualTo(3);
        assertThat(province.count("resident")).isEqualTo(2);
        assertThat(province.count("adoption_event")).isEqualTo(2);
        // the objection kept the earlier record as a tally; the list adds its row to the tallies
        assertThat(province.query("select stage_code || ' ' || day, entered::text from anonymous_adoption"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("LEVEL_1 2024-09-01", "1", "LEVEL_2 2024-11-01", "1"));
        assertThat(province.caunoi().counts().checkCounts(Fixtures.SYSTEM).exact()).isTrue();
        assertThat(province.atStage(LocalDate.of(2024, 12, 31))).containsEntry("10001.01|id|LEVEL_2", "2").containsEntry("10002.01|id|LEVEL_2", "1");
    }

    /** Chunks written straight from the stage so far (each writes residences once). */
    static long fastPathChunks() {
        return province.caunoi().statementsExecuted("freshResidences");
    }

    Path write(String name, String content) {
        try {
            return file(name, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ImportJobs.Request census(Path f) {
        return new ImportJobs.Request(ImportJob.Kind.ADOPTION, f, null, Map.of("asOf", "2024-06-01"));
    }

    @Test
    void a_list_of_residents_without_a_stage_records_where_they_live_and_a_later_list_moves_them() throws IOException {
        String first = "citizen_id,village_code,household\n" + id(1) + ",10001.01,H-7\n" + id(2) + ",10001.02,\n";
        imports.run(Fixtures.SYSTEM, new ImportJobs.Request(ImportJob.Kind.ADOPTION, file("census-1.csv", first), null,
                Map.of("asOf", "2024-06-01")), null);
        String second = "citizen_id,village_code\n" + id(1) + ",10002.01\n";
        imports.run(Fixtures.SYSTEM, new ImportJobs.Request(ImportJob.Kind.ADOPTION, file("census-2.csv", second), null,
                Map.of("asOf", "2025-01-01")), null);
        var r = province.caunoi().residents().resident(Fixtures.SYSTEM, id(1)).orElseThrow();
        assertThat(r.residences()).extracting(x -> x.from() + "→" + x.to()).containsExactly("null→2025-01-01", "2025-01-01→null");
        assertThat(r.resident().householdKnown()).isTrue();
        assertThat(province.count("adoption_event")).isZero();
    }

    @Test
    void population_figures_are_imported_per_unit_and_year_and_replaced_when_imported_again() throws IOException {
        String csv = """
                unit_code,year,age_from,age_to,persons,households
                10001,2024,0,,5000,1400
                10001,2024,14,,4100,
                10001,2024,0,13,900,
                10001.01,2024,0,,2600,700
                10003,2026,0,,9000,2500
                10003,2024,0,,1,1
                10001,2024,20,10,5,
                """;
        ImportJob job = imports.run(Fixtures.SYSTEM, new ImportJobs.Request(ImportJob.Kind.POPULATION, file("pop.csv", csv), null, Map.of()), null);
        assertThat(job.rowsAccepted()).isEqualTo(5);
        assertThat(imports.rejections(Fixtures.SYSTEM, job.id(), PageRequest.of(10, 0)).items())
                .extracting(x -> x.line() + " " + x.code()).containsExactly("7 UNKNOWN_UNIT", "8 BEFORE_AGE_FROM");
        var figures = province.caunoi().population().figures(Fixtures.SYSTEM, "10001", 2024, LocalDate.of(2024, 7, 1));
        assertThat(figures).extracting(x -> x.ageFrom() + "-" + x.ageTo() + ":" + x.persons() + "/" + x.households())
                .containsExactly("0-null:5000/1400", "0-13:900/null", "14-null:4100/null");
        imports.run(Fixtures.SYSTEM, new ImportJobs.Request(ImportJob.Kind.POPULATION,
                file("pop-2.csv", "unit_code,year,persons\n10001,2024,5100\n"), null, Map.of()), null);
        assertThat(province.caunoi().population().figures(Fixtures.SYSTEM, "10001", 2024, LocalDate.of(2024, 7, 1)).get(0).persons())
                .isEqualTo(5100);
    }
}
