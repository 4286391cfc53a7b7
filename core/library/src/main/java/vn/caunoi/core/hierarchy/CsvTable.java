package vn.caunoi.core.hierarchy;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A small CSV file with a header, read strictly: UTF-8 (BOM allowed), known columns, problems with line numbers. */
final class CsvTable {

    record Row(int line, Map<String, String> values) {
        String get(String column) {
            String v = values.get(column);
            return v == null ? "" : v.strip();
        }
    }

    final List<Row> rows = new ArrayList<>();
    final Set<String> columns;

    private CsvTable(Set<String> columns) {
        this.columns = columns;
    }

    static CsvTable read(String file, byte[] content, List<String> required, List<String> optional,
                         List<ImportProblem> problems) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            problems.add(new ImportProblem(file, 1, null, "the file is not UTF-8 text"));
            return new CsvTable(Set.of());
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        // Names are kept composed (NFC): decomposed input ("a" + combining tilde) is the same text.
        text = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> header = parser.getHeaderNames();
            CsvTable table = new CsvTable(Set.copyOf(header));
            for (String column : required) {
                if (!header.contains(column)) {
                    problems.add(new ImportProblem(file, 1, column, "required column is missing"));
                }
            }
            for (String column : header) {
                if (!required.contains(column) && !optional.contains(column)) {
                    problems.add(new ImportProblem(file, 1, column, "unknown column"));
                }
            }
            if (!problems.isEmpty()) {
                return table;
            }
            for (CSVRecord record : parser) {
                int line = (int) record.getRecordNumber() + 1;
                if (record.size() != header.size()) {
                    problems.add(new ImportProblem(file, line, null,
                            "expected " + header.size() + " fields, found " + record.size()));
                    continue;
                }
                table.rows.add(new Row(line, record.toMap()));
            }
            if (table.rows.isEmpty() && problems.isEmpty()) {
                problems.add(new ImportProblem(file, 2, null, "the file has no rows"));
            }
            return table;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            problems.add(new ImportProblem(file, 1, null, "not a readable CSV file: " + safe(e.getMessage())));
            return new CsvTable(Set.of());
        }
    }

    private static String safe(String message) {
        if (message == null) {
            return "malformed";
        }
        return message.length() > 200 ? message.substring(0, 200) : message;
    }
}
