package vn.caunoi.core.indicator;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.indicator.Indicators.AdoptionRate;
import vn.caunoi.core.indicator.Indicators.Flag;
import vn.caunoi.core.indicator.Indicators.TeamScorecard;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The reports a provincial department sends up: adoption rates and team scorecards as CSV (UTF-8
 * with a byte order mark, so that Excel shows Vietnamese correctly; comma-separated, decimal point)
 * or XLSX (Apache POI's streaming writer: rows go to disk as they are written, so a report of
 * thousands of rows needs no more memory than one of ten). Headings are Vietnamese; shares are
 * fractions, shown as percentages in XLSX and as percent numbers in CSV.
 */
public final class Reports {

    /** What a report is about, written on its "Thông tin" sheet. */
    public record About(String title, String unit, String period, LocalDate asOf, String generatedAt) {
    }

    public enum Format {
        CSV("text/csv; charset=UTF-8", "csv"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

        public final String mediaType;
        public final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    private enum Kind { TEXT, INTEGER, DECIMAL, PERCENT }

    private record Column<T>(String heading, Kind kind, Function<T, Object> value) {
    }

    private static final Map<UnitLevel, String> LEVELS = Map.of(UnitLevel.PROVINCE, "Tỉnh", UnitLevel.DISTRICT, "Huyện",
            UnitLevel.COMMUNE, "Xã", UnitLevel.VILLAGE, "Thôn");

    private static final List<Column<AdoptionRate>> RATE_COLUMNS = List.of(
            new Column<>("Mã đơn vị", Kind.TEXT, r -> r.unit().code()),
            new Column<>("Tên đơn vị", Kind.TEXT, r -> r.unit().fullName()),
            new Column<>("Cấp", Kind.TEXT, r -> LEVELS.get(r.unit().level())),
            new Column<>("Dịch vụ", Kind.TEXT, AdoptionRate::service),
            new Column<>("Bước (trở lên)", Kind.TEXT, AdoptionRate::stage),
            new Column<>("Kỳ", Kind.TEXT, r -> r.period().label()),
            new Column<>("Số người đã sử dụng", Kind.INTEGER, AdoptionRate::adopters),
            new Column<>("Tăng trong kỳ", Kind.INTEGER, AdoptionRate::newAdopters),
            new Column<>("Dân số trong độ tuổi", Kind.INTEGER, AdoptionRate::eligible),
            new Column<>("Năm số liệu dân số", Kind.INTEGER, AdoptionRate::populationYear),
            new Column<>("Tỷ lệ (%)", Kind.PERCENT, AdoptionRate::rate),
            new Column<>("Chỉ tiêu (%)", Kind.PERCENT, r -> r.target() == null ? null : r.target().rate()),
            new Column<>("Hạn chỉ tiêu", Kind.TEXT, r -> r.target() == null ? null : r.target().dueOn().toString()),
            new Column<>("Còn thiếu so với chỉ tiêu (điểm %)", Kind.PERCENT, AdoptionRate::gapToTarget),
            new Column<>("Số người cần thêm để đạt chỉ tiêu", Kind.INTEGER, AdoptionRate::adoptersToTarget),
            new Column<>("Xếp hạng", Kind.INTEGER, AdoptionRate::rank));

    private static final List<Column<TeamScorecard>> SCORECARD_COLUMNS = List.of(
            new Column<>("Tổ công nghệ số cộng đồng", Kind.TEXT, c -> c.team().name()),
            new Column<>("Cấp tổ", Kind.TEXT, c -> LEVELS.get(c.team().level())),
            new Column<>("Mã địa bàn", Kind.TEXT, c -> c.area().code()),
            new Column<>("Địa bàn", Kind.TEXT, c -> c.area().fullName()),
            new Column<>("Kỳ", Kind.TEXT, c -> c.period().label()),
            new Column<>("Số thành viên", Kind.INTEGER, TeamScorecard::members),
            new Column<>("Thành viên có hoạt động", Kind.INTEGER, TeamScorecard::activeMembers),
            new Column<>("Tỷ lệ thành viên có hoạt động (%)", Kind.PERCENT, TeamScorecard::activeMemberShare),
            new Column<>("Lượt hỗ trợ", Kind.INTEGER, TeamScorecard::supportActivities),
            new Column<>("Lượt hỗ trợ / thành viên / tháng", Kind.DECIMAL, TeamScorecard::activitiesPerMemberPerMonth),
            new Column<>("Số người được hỗ trợ", Kind.INTEGER, TeamScorecard::residentsHelped),
            new Column<>("Số lượt ghi nhận sử dụng", Kind.INTEGER, TeamScorecard::adoptionsRecorded),
            new Column<>("Thành viên đã tập huấn", Kind.INTEGER, TeamScorecard::trainedMembers),
            new Column<>("Tỷ lệ đã tập huấn (%)", Kind.PERCENT, TeamScorecard::trainedMemberShare),
            new Column<>("Lượt tham gia tập huấn trong kỳ", Kind.INTEGER, TeamScorecard::trainingAttendances),
            new Column<>("Người sử dụng tăng trên địa bàn", Kind.INTEGER, TeamScorecard::areaNewAdopters),
            new Column<>("Dân số địa bàn", Kind.INTEGER, TeamScorecard::areaPopulation),
            new Column<>("Tăng trên 1.000 dân (địa bàn)", Kind.DECIMAL, TeamScorecard::areaGrowthPerThousand),
            new Column<>("Tăng trên 1.000 dân (tỉnh)", Kind.DECIMAL, TeamScorecard::provinceGrowthPerThousand),
            new Column<>("So với tỉnh (lần)", Kind.DECIMAL, TeamScorecard::growthVsProvince),
            new Column<>("Cảnh báo", Kind.TEXT, c -> c.flags().isEmpty() ? null
                    : c.flags().stream().map(f -> f.message().vi()).collect(Collectors.joining("; "))));

    private Reports() {
    }

    public static void adoptionRates(Format format, About about, List<AdoptionRate> rates, OutputStream out) {
        write(format, "Tỷ lệ sử dụng", about, RATE_COLUMNS, rates.iterator(), out);
    }

    public static void teamScorecards(Format format, About about, Iterator<TeamScorecard> cards, OutputStream out) {
        write(format, "Đánh giá tổ", about, SCORECARD_COLUMNS, cards, out);
    }

    private static <T> void write(Format format, String sheet, About about, List<Column<T>> columns, Iterator<T> rows, OutputStream out) {
        try {
            if (format == Format.CSV) {
                csv(columns, rows, out);
            } else {
                xlsx(sheet, about, columns, rows, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> void csv(List<Column<T>> columns, Iterator<T> rows, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get());
        printer.printRecord(columns.stream().map(Column::heading).toList());
        while (rows.hasNext()) {
            T row = rows.next();
            List<String> cells = new ArrayList<>(columns.size());
            for (Column<T> c : columns) {
                cells.add(csvCell(c.kind(), c.value().apply(row)));
            }
            printer.printRecord(cells);
        }
        printer.flush();
    }

    private static String csvCell(Kind kind, Object value) {
        if (value == null) {
            return "";
        }
        return switch (kind) {
            case TEXT -> inert(value.toString());
            case INTEGER -> value.toString();
            case DECIMAL -> String.format(java.util.Locale.ROOT, "%.2f", ((Number) value).doubleValue());
            case PERCENT -> String.format(java.util.Locale.ROOT, "%.2f", ((Number) value).doubleValue() * 100);
        };
    }

    /**
     * Text that a spreadsheet would take for a formula (a team named "=HYPERLINK(…)" by whoever may
     * name teams) starts with an apostrophe, which Excel and LibreOffice read as "this is text".
     * Numbers are written by their own cases, so a negative number is never touched.
     */
    static String inert(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    private static <T> void xlsx(String sheetName, About about, List<Column<T>> columns, Iterator<T> rows, OutputStream out)
            throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(100);
        try {
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle heading = workbook.createCellStyle();
            heading.setFont(bold);
            heading.setWrapText(true);
            Map<Kind, CellStyle> styles = new LinkedHashMap<>();
            styles.put(Kind.INTEGER, format(workbook, "#,##0"));
            styles.put(Kind.DECIMAL, format(workbook, "0.00"));
            styles.put(Kind.PERCENT, format(workbook, "0.00%"));
            SXSSFSheet sheet = workbook.createSheet(sheetName);
            sheet.createFreezePane(0, 1);
            Row top = sheet.createRow(0);
            for (int i = 0; i < columns.size(); i++) {
                top.createCell(i).setCellValue(columns.get(i).heading());
                top.getCell(i).setCellStyle(heading);
                sheet.setColumnWidth(i, (columns.get(i).kind() == Kind.TEXT ? 28 : 16) * 256);
            }
            int n = 1;
            while (rows.hasNext()) {
                T item = rows.next();
                Row row = sheet.createRow(n++);
                for (int i = 0; i < columns.size(); i++) {
                    Column<T> c = columns.get(i);
                    Object value = c.value().apply(item);
                    if (value == null) {
                        continue;
                    }
                    if (c.kind() == Kind.TEXT) {
                        row.createCell(i).setCellValue(value.toString());
                    } else {
                        row.createCell(i).setCellValue(((Number) value).doubleValue());
                        row.getCell(i).setCellStyle(styles.get(c.kind()));
                    }
                }
            }
            Sheet info = workbook.createSheet("Thông tin");
            String[][] lines = {
                    {"Báo cáo", about.title()},
                    {"Đơn vị", about.unit()},
                    {"Kỳ", about.period()},
                    {"Theo bản đồ hành chính ngày", about.asOf() == null ? "" : about.asOf().toString()},
                    {"Thời điểm lập", about.generatedAt()},
                    {"Nguồn", "Cầu Nối — số liệu tổng hợp từ ghi nhận của các tổ công nghệ số cộng đồng và danh sách của cơ quan"}};
            for (int i = 0; i < lines.length; i++) {
                Row r = info.createRow(i);
                r.createCell(0).setCellValue(lines[i][0]);
                r.getCell(0).setCellStyle(heading);
                r.createCell(1).setCellValue(lines[i][1] == null ? "" : lines[i][1]);
            }
            info.setColumnWidth(0, 30 * 256);
            info.setColumnWidth(1, 80 * 256);
            workbook.write(out);
        } finally {
            // Removes the temporary files the streaming writer spilled its rows to.
            workbook.close();
        }
    }

    private static CellStyle format(SXSSFWorkbook workbook, String pattern) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(workbook.createDataFormat().getFormat(pattern));
        return style;
    }

    /** A file name for a report: plain ASCII, e.g. {@code ty-le-su-dung_vneid_33_2025-Q2.xlsx}. */
    public static String fileName(String report, Format format, String... parts) {
        StringBuilder b = new StringBuilder(report);
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                b.append('_').append(vn.caunoi.core.text.VietnameseText.folded(p).replaceAll("[^a-z0-9.-]+", "-"));
            }
        }
        return b.append('.').append(format.extension).toString();
    }

    /** Levels in Vietnamese, for headings and titles. */
    public static String level(AdministrativeUnit unit) {
        return LEVELS.get(unit.level());
    }
}
