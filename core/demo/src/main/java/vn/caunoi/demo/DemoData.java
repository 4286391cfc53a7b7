package vn.caunoi.demo;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.hierarchy.HierarchyImporter;
import vn.caunoi.core.hierarchy.ImportResult;
import vn.caunoi.core.hierarchy.ReferenceUnits;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo data set: the real units of Hưng Yên and Thái Bình from 2024-05-01 to today (the core
 * library's reference data, {@link ReferenceUnits}), with their three reorganisations, plus generated
 * villages that follow their communes through every merger.
 * Everything is deterministic: the same data on every machine.
 */
public final class DemoData {


    /** Village names commonly seen in the Red River delta; each commune takes a few, none twice. */
    private static final List<String> VILLAGE_NAMES = List.of(
            "Đông", "Đoài", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "An Lạc", "Phú Mỹ", "Tân Thành",
            "Hòa Bình", "Đồng Tâm", "Quyết Tiến", "Thống Nhất", "Đại Đồng", "Vân Đài", "Lạc Thiện",
            "Mỹ Lộc", "Cao Mại", "Phương Trạch", "Nội", "Ngoại", "Tiền", "Hậu");

    private DemoData() {
    }

    /**
     * Imports the reference units and their changes in date order; with {@code villages}, the first
     * list also carries generated villages. Safe to call twice: the second call changes nothing.
     */
    public static List<ImportResult> importAdministrativeUnits(HierarchyImporter importer, Actor actor, boolean villages) {
        return villages
                ? ReferenceUnits.importAll(importer, actor, "snapshot-2024-05-01-with-villages.csv", DemoData::withVillages)
                : ReferenceUnits.importAll(importer, actor);
    }

    /**
     * The first official list with generated villages: five to seven per commune ("Thôn …" for a xã,
     * "Tổ dân phố …" for a phường or thị trấn), coded {@code <commune code>.<nn>}.
     */
    static byte[] withVillages(byte[] snapshot) {
        CSVFormat in = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        StringWriter out = new StringWriter();
        try (CSVParser parser = CSVParser.parse(new StringReader(new String(snapshot, StandardCharsets.UTF_8)), in);
             CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            List<String> header = new ArrayList<>(parser.getHeaderNames());
            header.addAll(List.of("village_code", "village_name", "village_kind"));
            printer.printRecord(header);
            for (CSVRecord record : parser) {
                String commune = record.get("commune_code");
                boolean urban = !record.get("commune_kind").equals("Xã");
                int code = Integer.parseInt(commune);
                int count = 5 + code % 3;
                for (int i = 1; i <= count; i++) {
                    List<String> row = new ArrayList<>(record.toList());
                    row.add(commune + "." + String.format("%02d", i));
                    if (urban) {
                        row.add("Tổ dân phố " + i);
                        row.add("Tổ dân phố");
                    } else {
                        row.add("Thôn " + VILLAGE_NAMES.get((code / 3 + i * 7) % VILLAGE_NAMES.size()));
                        row.add("Thôn");
                    }
                    printer.printRecord(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
