package vn.caunoi.core.imports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A UTF-8 CSV file (with or without a byte-order mark, comma or semicolon separated as Excel writes
 * it in Vietnamese locales), streamed: only the current record is in memory. Text is NFC-normalised.
 */
public final class CsvTableReader implements TableReader {

    private final Path file;
    private final long size;
    private volatile long bytesRead;

    public CsvTableReader(Path file) throws IOException {
        this.file = file;
        this.size = Files.size(file);
    }

    @Override
    public void read(RowHandler handler) throws IOException {
        try (InputStream raw = new CountingStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
             Reader reader = new InputStreamReader(raw, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            raw.mark(4);
            byte[] bom = raw.readNBytes(3);
            raw.reset();
            if (bom.length == 3 && (bom[0] & 0xff) == 0xEF && (bom[1] & 0xff) == 0xBB && (bom[2] & 0xff) == 0xBF) {
                reader.read(); // the byte-order mark is one character
            }
            BufferedReaderWithFirstLine in = new BufferedReaderWithFirstLine(reader);
            String first = in.firstLine();
            if (first == null || first.isBlank()) {
                throw new UnreadableFileException("the file is empty: the first line must name the columns");
            }
            char delimiter = first.chars().filter(c -> c == ';').count() > first.chars().filter(c -> c == ',').count() ? ';' : ',';
            // Empty lines are kept as records (and skipped below) so that line numbers stay the file's.
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
            RecordLimit limited = new RecordLimit(in);
            CSVParser parser = CSVParser.parse(limited, format);
            long previousEnd = 0;
            try (parser) {
                boolean header = true;
                for (CSVRecord record : parser) {
                    long line = previousEnd + 1;
                    previousEnd = parser.getCurrentLineNumber();
                    limited.nextRecord(previousEnd + 1);
                    if (record.size() == 1 && record.get(0).isEmpty()) {
                        continue;
                    }
                    List<String> cells = new ArrayList<>(record.size());
                    for (String v : record) {
                        cells.add(Normalizer.isNormalized(v, Normalizer.Form.NFC) ? v : Normalizer.normalize(v, Normalizer.Form.NFC));
                    }
                    if (header) {
                        handler.header(cells);
                        header = false;
                    } else {
                        handler.row(line, cells);
                    }
                }
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CharacterCodingException) {
                    throw new UnreadableFileException("the file is not UTF-8 text: save it as \"CSV UTF-8\"");
                }
                if (e.getCause() instanceof UnreadableFileException u) {
                    throw u;
                }
                if (e.getCause() instanceof org.apache.commons.csv.CSVException) {
                    throw new UnreadableFileException("line " + (previousEnd + 1) + " is not valid CSV: a quote inside a quoted cell must be doubled (\"\")");
                }
                throw e.getCause();
            }
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException("the file is not UTF-8 text: save it as \"CSV UTF-8\"");
        }
    }

    @Override
    public double fractionRead() {
        return size == 0 ? 1 : Math.min(1, (double) bytesRead / size);
    }

    private final class CountingStream extends FilterInputStream {
        private long marked;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytesRead++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytesRead += n;
            }
            return n;
        }

        @Override
        public synchronized void mark(int limit) {
            super.mark(limit);
            marked = bytesRead;
        }

        @Override
        public synchronized void reset() throws IOException {
            super.reset();
            bytesRead = marked;
        }
    }

    /**
     * Refuses a record longer than {@value #MAX_RECORD} characters: a quote that is never closed would
     * otherwise make the parser gather the rest of the file into one cell.
     */
    private static final class RecordLimit extends Reader {
        private static final int MAX_RECORD = 1_000_000;
        private final Reader in;
        private long sinceRecord;
        private long recordLine = 1;

        RecordLimit(Reader in) {
            this.in = in;
        }

        void nextRecord(long line) {
            sinceRecord = 0;
            recordLine = line;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            int n = in.read(cbuf, off, len);
            if (n > 0 && (sinceRecord += n) > MAX_RECORD) {
                throw new UnreadableFileException("the row from line " + recordLine + " on is longer than " + MAX_RECORD
                        + " characters: is a quote (\") left open?");
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Peeks at the first line (to choose the delimiter) and then gives it back to the parser. */
    private static final class BufferedReaderWithFirstLine extends Reader {
        private final java.io.PushbackReader in;

        BufferedReaderWithFirstLine(Reader reader) {
            this.in = new java.io.PushbackReader(reader, 8192);
        }

        String firstLine() throws IOException {
            char[] buf = new char[8192];
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return null;
            }
            in.unread(buf, 0, n);
            String s = new String(buf, 0, n);
            int end = s.indexOf('\n');
            return end < 0 ? s : s.substring(0, end);
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            return in.read(cbuf, off, len);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
