package vn.caunoi.core.imports;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The first sheet of an XLSX workbook, streamed with POI's SAX reader: rows are never all in memory,
 * nor are the shared strings (see {@link SpilledSharedStrings}). Whole numbers are given in full (a 12-digit citizen
 * ID stored as a number is not turned into 1.23457E+11) and dates as ISO {@code yyyy-MM-dd}.
 */
public final class XlsxTableReader implements TableReader {

    private final Path file;
    private volatile long rowsRead;
    private volatile long rowsTotal = -1;

    public XlsxTableReader(Path file) {
        this.file = file;
    }

    @Override
    public void read(RowHandler handler) throws IOException {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            StylesTable styles = reader.getStylesTable();
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new UnreadableFileException("the workbook has no sheet");
            }
            try (SpilledSharedStrings strings = new SpilledSharedStrings(sharedStrings(reader));
                 InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                Rows rows = new Rows(handler);
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, rows, new PlainNumbers(), false) {
                    @Override
                    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
                        if ("dimension".equals(localName) && attributes.getValue("ref") != null) {
                            try {
                                rowsTotal = CellRangeAddress.valueOf(attributes.getValue("ref")).getLastRow() + 1L;
                            } catch (RuntimeException ignored) {
                                // a malformed dimension only costs the progress estimate
                            }
                        }
                        super.startElement(uri, localName, qName, attributes);
                    }
                });
                parser.parse(new InputSource(sheet));
                if (!rows.headerSeen) {
                    throw new UnreadableFileException("the sheet is empty: the first row must name the columns");
                }
            }
        } catch (NotOfficeXmlFileException | InvalidFormatException e) {
            throw new UnreadableFileException("the file is not an XLSX workbook");
        } catch (OpenXML4JException | SAXException | javax.xml.parsers.ParserConfigurationException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new UnreadableFileException("the workbook cannot be read: it is damaged or not an XLSX file");
        } catch (org.apache.poi.ooxml.POIXMLException | org.apache.poi.openxml4j.exceptions.InvalidOperationException e) {
            throw new UnreadableFileException("the workbook cannot be read: it is damaged or not an XLSX file");
        }
    }

    /** The shared-strings part, or null for a workbook without one (every text inline). */
    private static InputStream sharedStrings(XSSFReader reader) throws IOException {
        try {
            return reader.getSharedStringsData();
        } catch (InvalidFormatException | IllegalArgumentException | org.apache.poi.ooxml.POIXMLException e) {
            return null;
        }
    }

    @Override
    public double fractionRead() {
        long total = rowsTotal;
        return total <= 0 ? -1 : Math.min(1, (double) rowsRead / total);
    }

    private final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final RowHandler handler;
        private final List<String> cells = new ArrayList<>();
        boolean headerSeen;

        Rows(RowHandler handler) {
            this.handler = handler;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            rowsRead = rowNum + 1L;
            if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
                return;
            }
            List<String> row = new ArrayList<>(cells.size());
            cells.forEach(c -> row.add(c == null ? "" : c));
            if (!headerSeen) {
                headerSeen = true;
                handler.header(row);
            } else {
                handler.row(rowNum + 1L, row);
            }
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            while (cells.size() < column) {
                cells.add(null);
            }
            String v = value == null ? "" : Normalizer.normalize(value, Normalizer.Form.NFC);
            if (cells.size() == column) {
                cells.add(v);
            } else {
                cells.set(column, v);
            }
        }
    }

    /** Whole numbers in full, dates as ISO dates; anything else as Excel would show it. */
    private static final class PlainNumbers extends DataFormatter {
        PlainNumbers() {
            super(Locale.ROOT);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value, use1904Windowing).toLocalDate().toString();
            }
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                return BigDecimal.valueOf(value).toBigInteger().toString();
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904Windowing);
        }
    }
}
