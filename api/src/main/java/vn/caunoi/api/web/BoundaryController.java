package vn.caunoi.api.web;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import vn.caunoi.api.config.CauNoiProperties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Commune boundaries for the officials' map, one GeoJSON file per province and map date, named
 * {@code communes-<province code>-<first day of the map>.geojson}, each feature with
 * {@code properties.code} (the commune's code). Shipped in the jar ({@code boundaries/}, Hưng Yên's
 * 104 communes of 2025-07-01) and added by a province in {@code caunoi.boundaries-dir} (default
 * {@code <data-dir>/boundaries}), where a file of the same name replaces the shipped one. An
 * optional {@code <name>.credits.txt} beside it holds the credits shown under the map, one a line.
 *
 * <pre>
 * GET /boundaries                                   [{province, validFrom, url, credits[]}, …]
 * GET /boundaries/communes-33-2025-07-01.geojson    the file (application/geo+json)
 * </pre>
 * Public, like the map itself.
 */
@RestController
public class BoundaryController {

    private static final Pattern NAME = Pattern.compile("communes-(\\d{2})-(\\d{4}-\\d{2}-\\d{2})\\.geojson");
    private static final MediaType GEOJSON = MediaType.parseMediaType("application/geo+json");

    private final Path directory;

    public BoundaryController(CauNoiProperties properties) {
        this.directory = properties.boundariesDir() != null ? properties.boundariesDir() : properties.dataDir().resolve("boundaries");
    }

    @GetMapping("/boundaries")
    public ResponseEntity<List<Map<String, Object>>> list() {
        List<Map<String, Object>> files = new ArrayList<>();
        for (Map.Entry<String, Resource> e : files().entrySet()) {
            Matcher m = NAME.matcher(e.getKey());
            if (!m.matches()) {
                continue;
            }
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("province", m.group(1));
            file.put("validFrom", m.group(2));
            file.put("url", "/boundaries/" + e.getKey());
            file.put("credits", credits(e.getValue(), e.getKey()));
            files.add(file);
        }
        files.sort(Comparator.comparing((Map<String, Object> f) -> (String) f.get("province")).thenComparing(f -> (String) f.get("validFrom")));
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(files);
    }

    @GetMapping("/boundaries/{name}")
    public ResponseEntity<Resource> file(@PathVariable String name, WebRequest request) throws IOException {
        // Only names of the form above: nothing else of the directory or the class path is reachable.
        Resource resource = NAME.matcher(name).matches() ? files().get(name) : null;
        if (resource == null) {
            return ResponseEntity.notFound().build();
        }
        // Weak: Tomcat does not compress a response with a strong ETag, and 124 KB of GeoJSON gzip to 37 KB.
        String etag = "W/\"" + resource.contentLength() + "-" + resource.lastModified() + "\"";
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().contentType(GEOJSON).cacheControl(CacheControl.noCache()).eTag(etag).body(resource);
    }

    /** By file name: the shipped files, replaced by the directory's of the same name. */
    private Map<String, Resource> files() {
        Map<String, Resource> files = new TreeMap<>();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:boundaries/communes-*.geojson")) {
                files.put(r.getFilename(), r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Files.isDirectory(directory)) {
            try (Stream<Path> list = Files.list(directory)) {
                list.filter(p -> NAME.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p))
                        .forEach(p -> files.put(p.getFileName().toString(), new FileSystemResource(p)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static List<String> credits(Resource geojson, String name) {
        try {
            Resource credits = geojson.createRelative(name.replace(".geojson", ".credits.txt"));
            if (!credits.exists()) {
                return List.of();
            }
            return new String(credits.getContentAsByteArray(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
