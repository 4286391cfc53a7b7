package vn.caunoi.api.cli;

import vn.caunoi.core.privacy.PersonalDataKeys;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar caunoi-api.jar key-fingerprint [--caunoi.personal-data-key=… | --caunoi.data-dir=…]}:
 * prints the fingerprint of a personal-data key — the configured one, else the key file of the data
 * directory — so that a key's backup can be matched with the database (its start-up messages) and
 * the backups (their manifest) it opens. Needs no database. Exit codes: 0, 64 bad usage, 78 no key
 * or not a key.
 */
public final class KeyFingerprintCommand {

    public static final String NAME = "key-fingerprint";

    private KeyFingerprintCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> springArgs = new ArrayList<>();
        try {
            for (String arg : args) {
                springArgs.add(CliContext.springArg(arg));
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("usage: java -jar caunoi-api.jar key-fingerprint [--caunoi.personal-data-key=BASE64 | --caunoi.data-dir=DIR]");
            return Commands.USAGE;
        }
        Optional<String> configured = CliContext.option(springArgs, "caunoi.personal-data-key", "CAUNOI_PERSONAL_DATA_KEY");
        Path file = Path.of(CliContext.option(springArgs, "caunoi.data-dir", "CAUNOI_DATA_DIR").orElse("./data"))
                .toAbsolutePath().normalize().resolve("keys").resolve("personal-data.key");
        String text;
        String source;
        try {
            if (configured.isPresent()) {
                text = configured.get();
                source = "caunoi.personal-data-key";
            } else if (Files.isReadable(file)) {
                text = Files.readString(file);
                source = file.toString();
            } else {
                err.println("no personal-data key: neither caunoi.personal-data-key nor " + file);
                return Commands.CONFIGURATION;
            }
            byte[] key = Base64.getDecoder().decode(text.strip());
            if (key.length < 32) {
                throw new IllegalArgumentException("shorter than 32 bytes");
            }
            String fingerprint = PersonalDataKeys.fingerprint(key);
            out.println(PersonalDataKeys.shortForm(fingerprint) + "  (" + source + "; in full " + fingerprint + ")");
            return Commands.OK;
        } catch (IOException | IllegalArgumentException e) {
            err.println("not a personal-data key (32 bytes in base64): " + e.getMessage());
            return Commands.CONFIGURATION;
        }
    }
}
