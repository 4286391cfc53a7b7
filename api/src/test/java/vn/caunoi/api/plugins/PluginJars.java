package vn.caunoi.api.plugins;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** The real plugin artifacts the build produced, and variants of them made on disk for failure tests. */
final class PluginJars {

    static final Path FIRST_PARTY = Path.of("target", "plugins");
    static final Path TEST_ONLY = Path.of("target", "test-plugins");

    private PluginJars() {
    }

    static Path jar(Path dir, String artifactPrefix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(artifactPrefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + artifactPrefix + " jar in " + dir + ": run mvn verify"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path copy(Path jar, Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.copy(jar, dir.resolve(jar.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of {@code jar} whose manifest has these entries changed: same classes, another plugin. */
    static Path withManifest(Path jar, Path target, Map<String, String> entries) {
        return rewrite(jar, target, entries, "");
    }

    /** As {@link #withManifest}, leaving out the entry named {@code dropped}. */
    static Path rewrite(Path jar, Path target, Map<String, String> entries, String dropped) {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            Attributes main = manifest.getMainAttributes();
            entries.forEach(main::putValue);
            Files.createDirectories(target.getParent());
            try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    if (entry.getName().equals(dropped)) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(Path.of("target"), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, byte[] bytes) {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
