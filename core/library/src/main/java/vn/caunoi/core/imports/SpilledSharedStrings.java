package vn.caunoi.core.imports;

import org.apache.poi.ss.usermodel.RichTextString;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A workbook's shared-strings table kept in a temporary file instead of the heap. Excel stores every
 * text cell once in {@code xl/sharedStrings.xml}; a list of a million citizen IDs typed as text is a
 * million shared strings, which POI's read-only table would hold in memory. Here only an offset per
 * string (8 bytes) stays on the heap; the strings are read back from the file when a cell needs one.
 *
 * <p>The strings are citizen IDs in clear, so the file is encrypted (AES-CTR, one counter block per
 * string) with a key that exists only in this object's memory: if the process dies before the file
 * is deleted, what stays on disk cannot be read.
 */
final class SpilledSharedStrings implements SharedStrings, Closeable {

    private final Path file;
    private final FileChannel channel;
    private final javax.crypto.SecretKey key;
    private final byte[] nonce = new byte[8];
    private final javax.crypto.Cipher cipher;
    private long[] offsets = new long[1024];
    private int count;

    SpilledSharedStrings(InputStream sharedStringsXml) throws IOException {
        try {
            javax.crypto.KeyGenerator generator = javax.crypto.KeyGenerator.getInstance("AES");
            generator.init(128);
            this.key = generator.generateKey();
            this.cipher = javax.crypto.Cipher.getInstance("AES/CTR/NoPadding");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("AES is part of every JDK", e);
        }
        new java.security.SecureRandom().nextBytes(nonce);
        this.file = Files.createTempFile("caunoi-shared-strings-", ".bin");
        try {
            if (sharedStringsXml != null) {
                try (InputStream in = sharedStringsXml;
                     DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new Items(out));
                    parser.parse(new InputSource(in));
                }
            }
            this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.DELETE_ON_CLOSE);
        } catch (SAXException | javax.xml.parsers.ParserConfigurationException e) {
            Files.deleteIfExists(file);
            throw new TableReader.UnreadableFileException("the workbook's shared strings cannot be read");
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Each {@code <si>}: the text of its {@code <t>} elements (plain or rich-text runs), not the phonetic {@code <rPh>} hints. */
    private final class Items extends DefaultHandler {
        private final DataOutputStream out;
        private final StringBuilder text = new StringBuilder();
        private boolean inText;
        private int phonetic;
        private long position;

        Items(DataOutputStream out) {
            this.out = out;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (localName) {
                case "si" -> text.setLength(0);
                case "rPh" -> phonetic++;
                case "t" -> inText = phonetic == 0;
                default -> {
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            switch (localName) {
                case "t" -> inText = false;
                case "rPh" -> phonetic--;
                case "si" -> {
                    byte[] bytes = crypt(javax.crypto.Cipher.ENCRYPT_MODE, count, text.toString().getBytes(StandardCharsets.UTF_8));
                    if (count == offsets.length) {
                        offsets = Arrays.copyOf(offsets, count * 2);
                    }
                    offsets[count++] = position;
                    try {
                        out.writeInt(bytes.length);
                        out.write(bytes);
                    } catch (IOException e) {
                        throw new SAXException(e);
                    }
                    position += 4 + bytes.length;
                }
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inText) {
                text.append(ch, start, length);
            }
        }
    }

    @Override
    public RichTextString getItemAt(int idx) {
        if (idx < 0 || idx >= count) {
            return new XSSFRichTextString("");
        }
        try {
            ByteBuffer length = ByteBuffer.allocate(4);
            channel.read(length, offsets[idx]);
            ByteBuffer bytes = ByteBuffer.allocate(length.flip().getInt());
            channel.read(bytes, offsets[idx] + 4);
            return new XSSFRichTextString(new String(crypt(javax.crypto.Cipher.DECRYPT_MODE, idx, bytes.array()), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** String {@code index} under its own counter block: the random file nonce, then the index. */
    private byte[] crypt(int mode, int index, byte[] input) {
        try {
            byte[] iv = java.nio.ByteBuffer.allocate(16).put(nonce).putInt(index).putInt(0).array();
            cipher.init(mode, key, new javax.crypto.spec.IvParameterSpec(iv));
            return cipher.doFinal(input);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR is part of every JDK", e);
        }
    }

    @Override
    public int getCount() {
        return count;
    }

    @Override
    public int getUniqueCount() {
        return count;
    }

    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }
}
