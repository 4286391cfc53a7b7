package vn.caunoi.api.web;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.caunoi.demo.DemoResidents;
import vn.caunoi.testkit.ServerProcess;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The officials' web app (served at /) in a real headless Chromium, against the real server jar
 * with the demo data: what each role sees, the map of Hưng Yên's 104 communes as drawn, withheld
 * figures for the public, the figures against the API's own answers, a report downloaded and
 * opened, an upload followed to its end — and not one request to another origin. Screenshots of
 * every view go to target/screenshots/.
 */
class OfficialsAppBrowserIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> CLASS_COLOURS = Map.of("0", "#ffffcc", "1", "#a1dab4", "2", "#41b6c4", "3", "#2c7fb8",
            "4", "#253494", "nodata", "#e3e3e3");
    private static ServerProcess server;
    private static Path data;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory(Path.of("target"), "it-data-");
        // The tests and their browser share one loopback address and a few users: the per-minute
        // limits (tested on servers of their own) would otherwise refuse them. Small import chunks
        // make an upload's progress visible.
        server = ServerProcess.start(Path.of("target", "caunoi-api.jar"), Path.of("target", "it-logs"),
                "--caunoi.data-dir=" + data, "--caunoi.import-chunk-rows=500",
                "--caunoi.limits.anonymous-expensive-queries-per-minute=100000",
                "--caunoi.limits.expensive-queries-per-minute=100000", "--caunoi.limits.mutations-per-minute=100000");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    static JsonNode graphql(String subject, String query) {
        if (subject == null) {
            server.signOut();
        } else {
            server.signIn(subject);
        }
        try {
            JsonNode r = JSON.readTree(server.graphql(ServerProcess.query(query)));
            assertThat(r.path("errors").isMissingNode()).as("the test's own query failed: %s", r).isTrue();
            return r.path("data");
        } finally {
            server.signOut();
        }
    }

    static void open(Browser browser, String route) {
        browser.get(server.baseUrl() + "/#/" + route);
        settle(browser);
    }

    /** Waits until the page has drawn what it was loading. */
    static void settle(Browser browser) {
        browser.await(30, d -> Boolean.TRUE.equals(browser.script(
                "return document.readyState === 'complete' && !!document.querySelector('main h1')"
                        + " && !document.querySelector('main[aria-busy=true], main .state-loading');")));
    }

    static void signIn(Browser browser, String subject) {
        browser.await(20, d -> !browser.findAll("#sign-in").isEmpty());
        browser.find("#sign-in").click();
        browser.await(10, d -> !browser.findAll("dialog[open] .demo-user[data-subject='" + subject + "']").isEmpty());
        browser.find("dialog[open] .demo-user[data-subject='" + subject + "']").click();
        browser.await(20, d -> !browser.findAll("#sign-out").isEmpty());
        settle(browser);
    }

    static List<String> navigation(Browser browser) {
        return browser.findAll("#nav a").stream().map(a -> a.getAttribute("data-view")).toList();
    }

    /** No request went to another origin, and the page's scripts neither failed nor broke the content security policy. */
    static void assertNothingLeftTheServer(Browser browser) {
        assertThat(Browser.outside(server.baseUrl(), browser.requestedUrls())).as("requests to another origin").isEmpty();
        assertThat(browser.console()).as("the page's console").noneMatch(m -> m.contains("Uncaught") || m.contains("Error:")
                || m.contains("Content Security Policy") || m.contains("Content-Security-Policy"));
    }

    static void selectPeriod(Browser browser, String period) {
        String before = browser.driver().getCurrentUrl();
        new Select(browser.find("#period-value")).selectByValue(period);
        browser.await(10, d -> !d.getCurrentUrl().equals(before) && d.getCurrentUrl().contains("period=" + period));
        settle(browser);
    }

    // --- the public -------------------------------------------------------------------------------

    @Test
    void the_public_overview_shows_the_apis_figures_and_a_period_change_changes_them_to_the_apis() {
        try (Browser browser = Browser.open()) {
            open(browser, "overview?unit=33&period=2025-Q1");
            browser.await(20, d -> browser.findAll("#tiles .tile[data-service]").size() == 5);
            assertThat(browser.find("main h1").getText()).isEqualTo("Tổng quan: Tỉnh Hưng Yên");
            assertThat(navigation(browser)).containsExactly("overview", "map", "rankings", "reports", "search")
                    .as("the public has no team scorecards or imports").doesNotContain("teams", "imports");
            Map<String, String[]> q1 = tiles(browser);
            assertTilesMatchTheApi(q1, "2025-Q1");
            assertThat(browser.find("#tiles .tile[data-service='vneid'] .tile-rate").getText()).matches("\\d{1,3},\\d%");
            // The coverage of teams is public.
            assertThat(browser.find("#tiles .tile-coverage").getText()).contains("tổ", "thành viên", "104/104 xã có tổ");
            browser.screenshot("app-overview-public");

            selectPeriod(browser, "2025-Q2");
            browser.await(20, d -> browser.findAll("#tiles .tile[data-service]").size() == 5);
            Map<String, String[]> q2 = tiles(browser);
            assertTilesMatchTheApi(q2, "2025-Q2");
            assertThat(q2.get("vneid")[0]).as("the figures changed with the period").isNotEqualTo(q1.get("vneid")[0]);
            assertThat(browser.find("main .intro").getText()).contains("quý 2/2025");

            browser.find("#period-prev").click();
            browser.await(10, d -> d.getCurrentUrl().contains("period=2025-Q1"));
            settle(browser);
            assertThat(tiles(browser).get("vneid")).isEqualTo(q1.get("vneid"));
            assertNothingLeftTheServer(browser);
        }
    }

    /** By service: adopters, rate, withheld — as the page holds them. */
    static Map<String, String[]> tiles(Browser browser) {
        Map<String, String[]> tiles = new LinkedHashMap<>();
        for (WebElement tile : browser.findAll("#tiles .tile[data-service]")) {
            tiles.put(tile.getAttribute("data-service"), new String[]{tile.getAttribute("data-adopters"), tile.getAttribute("data-rate"),
                    tile.getAttribute("data-suppressed")});
        }
        return tiles;
    }

    static void assertTilesMatchTheApi(Map<String, String[]> tiles, String period) {
        assertThat(tiles).containsOnlyKeys("vneid", "vssid", "epayment", "public-services", "ecommerce");
        for (var e : tiles.entrySet()) {
            JsonNode api = graphql(null, "{ adoptionRates(under: \"33\", groupBy: PROVINCE, service: \"" + e.getKey() + "\", period: \""
                    + period + "\") { adopters rate suppressed } }").path("adoptionRates").get(0);
            String adopters = api.path("adopters").isNull() ? "" : String.valueOf(api.path("adopters").asInt());
            assertThat(e.getValue()[0]).as("adopters of %s in %s", e.getKey(), period).isEqualTo(adopters);
            if (api.path("rate").isNull()) {
                assertThat(e.getValue()[1]).as("rate of %s", e.getKey()).isEmpty();
            } else {
                assertThat(Double.parseDouble(e.getValue()[1])).as("rate of %s", e.getKey()).isCloseTo(api.path("rate").asDouble(), within(1e-12));
            }
            assertThat(e.getValue()[2]).isEqualTo(String.valueOf(api.path("suppressed").asBoolean()));
        }
    }

    @Test
    void the_map_draws_the_104_communes_in_their_classes_withholds_small_ones_and_opens_a_commune_on_click() throws Exception {
        // VssID in 2025-Q1: some communes have too few users for the public to see their figures.
        JsonNode rates = graphql(null, "{ adoptionRates(under: \"33\", groupBy: COMMUNE, service: \"vssid\", period: \"2025-Q1\") {"
                + " unit { code fullName } adopters rate suppressed } }").path("adoptionRates");
        Map<String, JsonNode> byCode = new HashMap<>();
        rates.forEach(r -> byCode.put(r.path("unit").path("code").asString(), r));
        List<String> withheld = byCode.values().stream().filter(r -> r.path("rate").isNull() && r.path("suppressed").asBoolean())
                .map(r -> r.path("unit").path("code").asString()).sorted().toList();
        assertThat(byCode).hasSize(104);
        assertThat(withheld).as("the demo has withheld communes to show").isNotEmpty().hasSizeLessThan(104);

        try (Browser browser = Browser.open()) {
            open(browser, "map?unit=33&period=2025-Q1&service=vssid");
            browser.await(30, d -> !browser.findAll("#map-canvas[data-ready=true] canvas").isEmpty());
            browser.fullPageScreenshot("app-map-public");

            // The table under the map: the 104 communes, in the class of the API's figures.
            List<WebElement> rows = browser.findAll(".map-table tbody tr");
            assertThat(rows).hasSize(104);
            Map<String, String> classes = new HashMap<>();
            for (WebElement row : rows) {
                classes.put(row.getAttribute("data-code"), row.getAttribute("data-class"));
            }
            assertThat(classes.keySet()).isEqualTo(byCode.keySet());
            classes.forEach((code, cls) -> {
                JsonNode r = byCode.get(code);
                assertThat(cls).as("class of %s", code).isEqualTo(r.path("rate").isNull() ? (r.path("suppressed").asBoolean() ? "suppressed" : "nodata")
                        : String.valueOf(Math.min(4, (int) Math.floor(r.path("rate").asDouble() / 0.2))));
            });
            // The legend states the classes and counts them.
            assertThat(browser.find(".legend li[data-class='suppressed']").getText()).contains("Số liệu được ẩn", withheld.size() + " xã");
            assertThat(browser.find("#suppressed-why").getText()).contains("dưới 10 người");
            assertThat(browser.find(".legend").getText()).contains("0% – dưới 20%", "từ 80% trở lên");
            assertThat(browser.find(".credits").getText()).contains("thanglequoc/vietnamese-provinces-database", "Nhà xuất bản Tài nguyên");

            // As drawn: the pixel at an inside point of every commune has its class's colour (withheld: grey hatching).
            Map<String, double[]> inside = insidePoints();
            assertThat(inside).hasSize(104).containsOnlyKeys(byCode.keySet());
            List<String> wrong = new ArrayList<>();
            for (var e : inside.entrySet()) {
                // Around the point (a small commune's inside point can sit by a smoothed border).
                List<String> pixels = pixelsAround(browser, e.getValue());
                String cls = classes.get(e.getKey());
                // Withheld: the dark grey between the white stripes of the hatching (3 px stripes, 5 px apart:
                // a 5 × 5 square always holds some of it); no class's colour is grey.
                boolean ok = cls.equals("suppressed")
                        ? pixels.stream().anyMatch(p -> isGrey(p) && Integer.parseInt(p.substring(1, 3), 16) < 0xa0)
                        : pixels.contains(CLASS_COLOURS.get(cls));
                if (!ok) {
                    wrong.add(e.getKey() + " (" + cls + ") drawn " + pixels);
                }
            }
            assertThat(wrong).as("communes not drawn in their class's colour").isEmpty();

            // A withheld commune: marked as withheld, and no figure behind it — not in the table, the tooltip or the chart's data.
            String secret = withheld.get(0);
            WebElement row = browser.find(".map-table tbody tr[data-code='" + secret + "']");
            assertThat(row.getAttribute("data-withheld")).isEqualTo("true");
            browser.script("arguments[0].closest('details').open = true;", row);
            List<WebElement> cells = row.findElements(By.cssSelector("td"));
            assertThat(cells.get(0).getText()).as("rate").isEqualTo("Đã ẩn");
            assertThat(cells.get(1).getText()).as("adopters").isEqualTo("Đã ẩn");
            assertThat(cells.get(4).getText()).as("gap to target").isEqualTo("—");
            JsonNode drawn = JSON.readTree((String) browser.asyncScript("const done = arguments[arguments.length - 1];"
                    + "import('/webjars/echarts/dist/echarts.esm.min.js').then(e => { const d = e.getInstanceByDom(document.getElementById('map-canvas'))"
                    + ".getOption().series[0].data.find(x => x.name === arguments[0]); done(JSON.stringify({ value: d.value, rate: d.rate })); });",
                    secret));
            assertThat(drawn.path("value").isNull()).isTrue();
            assertThat(drawn.path("rate").path("adopters").isNull()).isTrue();
            assertThat(drawn.path("rate").path("rate").isNull()).isTrue();
            String tooltip = hover(browser, inside.get(secret), byCode.get(secret).path("unit").path("fullName").asString());
            assertThat(tooltip).contains("Số liệu được ẩn").doesNotContain("%");
            browser.screenshot("app-map-withheld-tooltip");

            // A commune with figures: its tooltip shows them, as the API gave them.
            String shown = byCode.values().stream().filter(r -> !r.path("rate").isNull()).map(r -> r.path("unit").path("code").asString())
                    .sorted().findFirst().orElseThrow();
            String adopters = String.format("%,d", byCode.get(shown).path("adopters").asInt()).replace(',', '.');
            assertThat(hover(browser, inside.get(shown), byCode.get(shown).path("unit").path("fullName").asString())).contains("Tỷ lệ", adopters);

            // A click opens the commune.
            click(browser, inside.get(shown));
            browser.await(20, d -> d.getCurrentUrl().contains("#/unit?") && d.getCurrentUrl().contains("unit=" + shown));
            settle(browser);
            assertThat(browser.find("main h1").getText()).isEqualTo(byCode.get(shown).path("unit").path("fullName").asString());
            assertNothingLeftTheServer(browser);
        }
    }

    /** A point inside each commune of the shipped boundaries: the middle of the widest inside stretch of a few horizontal lines. */
    static Map<String, double[]> insidePoints() throws Exception {
        JsonNode geo;
        try (InputStream in = OfficialsAppBrowserIT.class.getResourceAsStream("/boundaries/communes-33-2025-07-01.geojson")) {
            geo = JSON.readTree(in);
        }
        Map<String, double[]> points = new HashMap<>();
        for (JsonNode f : geo.path("features")) {
            List<List<double[]>> rings = new ArrayList<>();
            JsonNode g = f.path("geometry");
            List<JsonNode> polygons = g.path("type").asString().equals("Polygon") ? List.of(g.path("coordinates"))
                    : Stream.of(g.path("coordinates")).flatMap(c -> { List<JsonNode> l = new ArrayList<>(); c.forEach(l::add); return l.stream(); }).toList();
            for (JsonNode polygon : polygons) {
                for (JsonNode ring : polygon) {
                    List<double[]> r = new ArrayList<>();
                    ring.forEach(p -> r.add(new double[]{p.get(0).asDouble(), p.get(1).asDouble()}));
                    rings.add(r);
                }
            }
            double minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
            for (List<double[]> ring : rings) {
                for (double[] p : ring) {
                    minY = Math.min(minY, p[1]);
                    maxY = Math.max(maxY, p[1]);
                }
            }
            double best = -1;
            double[] point = null;
            for (int i = 1; i < 40; i++) {
                double y = minY + (maxY - minY) * i / 40.0;
                List<Double> xs = new ArrayList<>();
                for (List<double[]> ring : rings) {
                    for (int k = 0; k + 1 < ring.size(); k++) {
                        double[] a = ring.get(k), b = ring.get(k + 1);
                        if ((a[1] <= y) != (b[1] <= y)) {
                            xs.add(a[0] + (y - a[1]) * (b[0] - a[0]) / (b[1] - a[1]));
                        }
                    }
                }
                xs.sort(Double::compare);
                for (int k = 0; k + 1 < xs.size(); k += 2) {
                    if (xs.get(k + 1) - xs.get(k) > best) {
                        best = xs.get(k + 1) - xs.get(k);
                        point = new double[]{(xs.get(k) + xs.get(k + 1)) / 2, y};
                    }
                }
            }
            points.put(f.path("properties").path("code").asString(), point);
        }
        return points;
    }

    /** The point on the page (CSS pixels, relative to the map's box) of a longitude and latitude. */
    static long[] toPixel(Browser browser, double[] lonLat) {
        JsonNode p = JSON.readTree((String) browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "import('/webjars/echarts/dist/echarts.esm.min.js').then(e => done(JSON.stringify("
                + "e.getInstanceByDom(document.getElementById('map-canvas')).convertToPixel({ seriesIndex: 0 }, [arguments[0], arguments[1]]))));",
                lonLat[0], lonLat[1]));
        return new long[]{Math.round(p.get(0).asDouble()), Math.round(p.get(1).asDouble())};
    }

    /** The colours of the 5 × 5 pixels around a longitude and latitude, as drawn on the map's canvas. */
    @SuppressWarnings("unchecked")
    static List<String> pixelsAround(Browser browser, double[] lonLat) {
        long[] xy = toPixel(browser, lonLat);
        return (List<String>) browser.script("const c = document.querySelector('#map-canvas canvas'); const r = window.devicePixelRatio || 1;"
                + "const d = c.getContext('2d').getImageData(Math.round(arguments[0] * r) - 2, Math.round(arguments[1] * r) - 2, 5, 5).data;"
                + "const out = []; for (let i = 0; i < d.length; i += 4) out.push('#' + [d[i], d[i + 1], d[i + 2]]"
                + ".map(v => v.toString(16).padStart(2, '0')).join('')); return out;", xy[0], xy[1]);
    }

    static boolean isGrey(String hex) {
        int r = Integer.parseInt(hex.substring(1, 3), 16), g = Integer.parseInt(hex.substring(3, 5), 16), b = Integer.parseInt(hex.substring(5, 7), 16);
        return Math.abs(r - g) <= 2 && Math.abs(g - b) <= 2;
    }

    /**
     * Moves the mouse over a point of the map and returns the tooltip's text once it names the
     * commune (the pointer crosses others on its way, and the tooltip follows it).
     */
    static String hover(Browser browser, double[] lonLat, String name) {
        WebElement canvas = browser.find("#map-canvas");
        // Offsets count from the centre of the element's part in view: have all of it in view.
        browser.script("arguments[0].scrollIntoView({ block: 'center' });", canvas);
        long[] xy = toPixel(browser, lonLat);
        int w = canvas.getRect().getWidth(), h = canvas.getRect().getHeight();
        new Actions(browser.driver()).moveToElement(canvas, (int) (xy[0] - w / 2), (int) (xy[1] - h / 2)).perform();
        String tooltip = "[...document.querySelectorAll('#map-canvas div')].find(e => e.style.position === 'absolute'"
                + " && e.style.display !== 'none' && e.style.opacity !== '0' && e.textContent.trim())";
        browser.await(10, d -> Boolean.TRUE.equals(browser.script("const t = " + tooltip + "; return !!t && t.textContent.includes(arguments[0]);", name)));
        return (String) browser.script("return " + tooltip + ".textContent;");
    }

    static void click(Browser browser, double[] lonLat) {
        WebElement canvas = browser.find("#map-canvas");
        // Offsets count from the centre of the element's part in view: have all of it in view.
        browser.script("arguments[0].scrollIntoView({ block: 'center' });", canvas);
        long[] xy = toPixel(browser, lonLat);
        int w = canvas.getRect().getWidth(), h = canvas.getRect().getHeight();
        new Actions(browser.driver()).moveToElement(canvas, (int) (xy[0] - w / 2), (int) (xy[1] - h / 2)).click().perform();
    }

    @Test
    void a_commune_shows_its_trend_villages_public_team_coverage_and_history_and_search_forgives_diacritics() {
        try (Browser browser = Browser.open()) {
            open(browser, "search?unit=33&period=2025-Q2&service=vneid&q=tan%20hoa&asOf=2024-06-01");
            browser.await(20, d -> !browser.findAll("#search-results li").isEmpty());
            assertThat(browser.findAll("#search-results li").stream().map(li -> li.getAttribute("data-code")).toList()).contains("12622");
            browser.screenshot("app-search");
            browser.find("#search-results li[data-code='12622'] a").click();
            settle(browser);
            assertThat(browser.find("main h1").getText()).isEqualTo("Xã Tân Hòa");
            browser.await(20, d -> !browser.findAll("table[data-history='to'] a").isEmpty());
            WebElement successor = browser.find("table[data-history='to'] tbody tr");
            assertThat(successor.getText()).contains("01/07/2025", "Sáp nhập", "Xã Ngự Thiên").containsPattern("Nghị quyết|Resolution");
            successor.findElement(By.cssSelector("a")).click();
            settle(browser);
            browser.await(30, d -> !browser.findAll("#trend-canvas canvas").isEmpty() && !browser.findAll("#coverage").isEmpty());
            assertThat(browser.find("main h1").getText()).isEqualTo("Xã Ngự Thiên");
            assertThat(browser.find("#ctx-unit-name").getText()).as("the commune is now the unit on screen").isEqualTo("Xã Ngự Thiên");
            assertThat(browser.find("#coverage").getText()).contains("tổ", "thành viên");
            assertThat(browser.findAll("table[data-history='from'] tbody tr")).as("the communes merged into it").hasSizeGreaterThan(1);
            JsonNode villages = graphql(null, "{ adoptionRates(under: \"12595\", groupBy: VILLAGE, service: \"vneid\", period: \"2025-Q2\") { unit { code } } }");
            assertThat(browser.findAll("main table.sortable tbody tr[data-code]")).hasSize(villages.path("adoptionRates").size());
            browser.script("document.querySelector('.trend details').open = true;");
            assertThat(browser.findAll("#trend-table tbody tr")).hasSize(24);
            browser.fullPageScreenshot("app-commune-public");
            assertNothingLeftTheServer(browser);
        }
    }

    @Test
    void a_province_without_boundaries_gets_every_other_view_and_its_communes_as_a_table() {
        // Thái Bình on the map of 2024-06-01: no open boundaries exist for the maps before 2025-07-01.
        JsonNode districts = graphql(null, "{ adoptionRates(under: \"34\", groupBy: DISTRICT, service: \"vneid\", period: \"2024-Q4\","
                + " hierarchyAsOf: \"2024-06-01\") { unit { code } } }").path("adoptionRates");
        JsonNode communes = graphql(null, "{ adoptionRates(under: \"34\", groupBy: COMMUNE, service: \"vneid\", period: \"2024-Q4\","
                + " hierarchyAsOf: \"2024-06-01\") { unit { code } } }").path("adoptionRates");
        try (Browser browser = Browser.open()) {
            open(browser, "unit?unit=33&period=2024-Q4&service=vneid&code=34&asOf=2024-06-01");
            assertThat(browser.find("main h1").getText()).isEqualTo("Tỉnh Thái Bình");
            browser.await(30, d -> !browser.findAll("main table.sortable tbody tr[data-code]").isEmpty());
            assertThat(browser.findAll("main table.sortable tbody tr[data-code]")).hasSize(districts.size());
            browser.find("#unit-map").click();
            settle(browser);
            assertThat(browser.find("#no-boundaries").getText()).contains("Chưa có ranh giới xã cho Tỉnh Thái Bình");
            assertThat(browser.findAll("#map-canvas")).isEmpty();
            assertThat(browser.findAll(".map-table[open] tbody tr")).hasSize(communes.size()).hasSizeGreaterThan(200);
            assertThat(browser.find(".map-table tbody tr a").getAttribute("href")).contains("asOf=2024-06-01");
            browser.fullPageScreenshot("app-map-no-boundaries");
            assertThat(browser.requestedUrls()).as("no boundaries asked for").noneMatch(u -> u.endsWith(".geojson"));
        }
    }

    @Test
    void rankings_sort_by_keyboard_and_filter_to_those_behind_their_target() {
        try (Browser browser = Browser.open()) {
            open(browser, "rankings?unit=33&period=2025-Q2&service=vneid");
            List<WebElement> rows = browser.findAll("main table.sortable tbody tr");
            assertThat(rows).hasSize(104);
            assertThat(rows.get(0).findElement(By.cssSelector("td")).getText()).isEqualTo("1");
            WebElement rateHeader = browser.find("th button.sort[data-key='rate']");
            rateHeader.sendKeys(Keys.ENTER);
            WebElement th = browser.find("th button.sort[data-key='rate']").findElement(By.xpath(".."));
            assertThat(th.getAttribute("aria-sort")).isEqualTo("descending");
            browser.find("th button.sort[data-key='rate']").sendKeys(Keys.ENTER);
            assertThat(browser.find("th button.sort[data-key='rate']").findElement(By.xpath("..")).getAttribute("aria-sort")).isEqualTo("ascending");
            browser.find("#behind-only").click();
            browser.await(10, d -> d.getCurrentUrl().contains("behind=1"));
            settle(browser);
            int behind = 0;
            for (JsonNode r : graphql(null, "{ adoptionRates(under: \"33\", groupBy: COMMUNE, service: \"vneid\", period: \"2025-Q2\") { gapToTarget } }")
                    .path("adoptionRates")) {
                behind += !r.path("gapToTarget").isNull() && r.path("gapToTarget").asDouble() > 0 ? 1 : 0;
            }
            assertThat(behind).as("the demo has communes behind their target").isPositive();
            assertThat(browser.findAll("main table.sortable tbody tr")).hasSize(behind);
            browser.fullPageScreenshot("app-rankings");
            assertNothingLeftTheServer(browser);
        }
    }

    @Test
    void periods_step_across_years_and_months_of_different_lengths_as_the_api_writes_them() {
        try (Browser browser = Browser.open()) {
            browser.get(server.baseUrl() + "/app-config");
            Object r = browser.asyncScript("const done = arguments[arguments.length - 1];"
                    + "Promise.all([import('/app/period.js'), import('/app/api.js')]).then(([p, api]) => done(JSON.stringify(["
                    + " p.shift('2025-Q1', -1), p.shift('2025-01', -1), p.shift('2024-12', 1), p.shift('2025', -1), p.shift('2025-03-31', -1),"
                    + " p.startOf('2025-Q3'), p.endOf('2024-Q1'), p.endOf('2024-02'), p.endOf('2025-06-15'), p.startOf('2025-06-15'),"
                    + " p.withChange('2025-03-31'), p.withChange('2025-Q2'), p.periodOf('quarter', '2025-11-30'), p.kindOf('2025-Q5'),"
                    + " api.levelOf('33'), api.levelOf('12595'), api.levelOf('12595.01'), api.levelOf('336')])), e => done(String(e)));");
            assertThat(r).isEqualTo("[\"2024-Q4\",\"2024-12\",\"2025-01\",\"2024\",\"2025-02-28\",\"2025-07-01\",\"2024-03-31\","
                    + "\"2024-02-29\",\"2025-06-15\",null,\"2025-03-01/2025-03-31\",\"2025-Q2\",\"2025-Q4\",null,"
                    + "\"PROVINCE\",\"COMMUNE\",\"VILLAGE\",\"DISTRICT\"]");
        }
    }

    @Test
    void a_section_the_public_may_not_use_says_so_and_shows_nothing_of_it() {
        try (Browser browser = Browser.open()) {
            open(browser, "teams?unit=33&period=2025-Q2");
            assertThat(browser.find("main").getText()).contains("dành cho người đã đăng nhập");
            assertThat(browser.findAll("#scorecards")).isEmpty();
        }
    }

    // --- signed-in users ------------------------------------------------------------------------

    @Test
    void each_demo_role_signs_in_starts_from_its_own_unit_and_sees_only_its_sections() {
        record Expected(String subject, String role, String unit, List<String> sections) {
        }
        List<Expected> roles = List.of(
                new Expected("province-admin", "Quản trị tỉnh", "Tỉnh Hưng Yên", List.of("overview", "map", "rankings", "teams", "reports", "imports", "search")),
                new Expected("commune-officer", "Cán bộ xã", "Xã Ngự Thiên", List.of("overview", "map", "rankings", "teams", "reports", "imports", "search")),
                new Expected("team-member", "Thành viên tổ CNSCĐ", null, List.of("overview", "map", "rankings", "teams", "reports", "search")),
                new Expected("viewer", "Người xem", "Tỉnh Hưng Yên", List.of("overview", "map", "rankings", "teams", "reports", "search")));
        for (Expected e : roles) {
            try (Browser browser = Browser.open()) {
                // The third quarter of 2025: the demo users' scopes are of the map of 2025-07-01.
                open(browser, "overview?period=2025-Q3");
                signIn(browser, e.subject());
                browser.await(20, d -> !browser.findAll("#tiles .tile").isEmpty());
                assertThat(browser.find("#user .who").getText()).contains(e.role());
                assertThat(navigation(browser)).as(e.subject()).containsExactlyElementsOf(e.sections());
                String unit = browser.find("#ctx-unit-name").getText();
                if (e.unit() != null) {
                    assertThat(unit).as("%s starts from her unit", e.subject()).isEqualTo(e.unit());
                } else {
                    assertThat(unit).as("the team member starts from her village").startsWith("Thôn");
                }
                browser.screenshot("app-overview-" + e.subject());
                browser.find("#nav a[data-view='teams']").click();
                settle(browser);
                browser.await(30, d -> !browser.findAll("#scorecards table, #scorecards .state-empty, #scorecards .state-error").isEmpty());
                assertThat(browser.findAll("#scorecards .state-error")).as("%s: %s", e.subject(), browser.find("#scorecards").getText()).isEmpty();
                assertThat(browser.find("main .summary").getText()).containsPattern("[\\d.]+/[\\d.]+ tổ bị gắn cờ");
                if (e.subject().equals("commune-officer")) {
                    assertThat(browser.findAll("#scorecards tbody tr")).isNotEmpty();
                    browser.fullPageScreenshot("app-teams");
                    assertThat(browser.findAll("#scorecards tbody tr[data-flagged=true] .flags li")).isNotEmpty()
                            .allSatisfy(li -> assertThat(li.getText()).doesNotContain("_"));
                    browser.find("#flagged-only").click();
                    browser.await(10, d -> d.getCurrentUrl().contains("flagged=1"));
                    settle(browser);
                    browser.await(30, d -> !browser.findAll("#scorecards table, #scorecards .state-empty").isEmpty());
                    assertThat(browser.findAll("#scorecards tbody tr")).allSatisfy(tr -> assertThat(tr.getAttribute("data-flagged")).isEqualTo("true"));
                }
                browser.find("#sign-out").click();
                browser.await(20, d -> !browser.findAll("#sign-in").isEmpty());
                settle(browser);
                assertThat(navigation(browser)).doesNotContain("teams", "imports");
                assertNothingLeftTheServer(browser);
            }
        }
    }

    @Test
    void the_app_switches_to_english_and_back() {
        try (Browser browser = Browser.open()) {
            open(browser, "overview?unit=33&period=2025-Q2");
            browser.find("#lang-switch").click();
            browser.await(20, d -> browser.find("main h1").getText().startsWith("Overview"));
            settle(browser);
            assertThat(browser.find("#nav").getText()).contains("Map", "Rankings");
            assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
            assertThat(browser.find("#tiles .tile[data-service='vneid'] .tile-rate").getText()).matches("\\d{1,3}\\.\\d%");
            browser.screenshot("app-overview-english");
            browser.find("#lang-switch").click();
            browser.await(20, d -> browser.find("main h1").getText().startsWith("Tổng quan"));
        }
    }

    @Test
    void a_report_for_the_unit_and_period_on_screen_downloads_and_opens() throws Exception {
        Path downloads = Path.of("target", "downloads", "reports-" + System.nanoTime());
        try (Browser browser = Browser.open()) {
            Path folder = browser.downloadTo(downloads);
            open(browser, "overview?period=2025-Q2&service=vssid");
            signIn(browser, "viewer");
            browser.find("#nav a[data-view='reports']").click();
            settle(browser);
            browser.screenshot("app-reports");
            browser.find("#report-rates button[data-format='xlsx']").click();
            browser.await(60, d -> !browser.findAll("#rates-status .done").isEmpty() || !browser.findAll("#rates-status .state-error").isEmpty());
            String name = browser.find("#rates-status .done").getAttribute("data-file");
            Path file = folder.resolve(name);
            browser.await(30, d -> Files.exists(file) && !Files.exists(folder.resolve(name + ".crdownload")));
            JsonNode api;
            server.signIn("viewer");
            try {
                api = JSON.readTree(server.graphql(ServerProcess.query("{ adoptionRates(under: \"33\", groupBy: COMMUNE, service: \"vssid\","
                        + " period: \"2025-Q2\") { unit { code fullName } adopters eligible } }"))).path("data").path("adoptionRates");
            } finally {
                server.signOut();
            }
            try (InputStream in = Files.newInputStream(file); XSSFWorkbook book = new XSSFWorkbook(in)) {
                Sheet sheet = book.getSheetAt(0);
                Row heading = sheet.getRow(0);
                int codeColumn = -1, adoptersColumn = -1;
                for (int c = 0; c < heading.getLastCellNum(); c++) {
                    String text = heading.getCell(c).getStringCellValue();
                    codeColumn = text.equals("Mã đơn vị") ? c : codeColumn;
                    adoptersColumn = text.equals("Số người đã sử dụng") ? c : adoptersColumn;
                }
                assertThat(codeColumn).as("a column of unit codes").isGreaterThanOrEqualTo(0);
                assertThat(adoptersColumn).as("a column of adopters").isGreaterThanOrEqualTo(0);
                Map<String, Integer> adoptersByCode = new HashMap<>();
                for (Row row : sheet) {
                    if (row.getRowNum() > 0 && row.getCell(codeColumn) != null) {
                        var cell = row.getCell(adoptersColumn);
                        adoptersByCode.put(row.getCell(codeColumn).getStringCellValue(), cell == null ? null : (int) cell.getNumericCellValue());
                    }
                }
                assertThat(adoptersByCode).hasSize(104);
                api.forEach(r -> assertThat(adoptersByCode.get(r.path("unit").path("code").asString()))
                        .as(r.path("unit").path("fullName").asString()).isEqualTo(r.path("adopters").isNull() ? null : r.path("adopters").asInt()));
                assertThat(book.getSheet("Thông tin")).isNotNull();
            }

            browser.find("#report-scorecards button[data-format='csv']").click();
            browser.await(60, d -> !browser.findAll("#scorecards-status .done").isEmpty() || !browser.findAll("#scorecards-status .state-error").isEmpty());
            String csvName = browser.find("#scorecards-status .done").getAttribute("data-file");
            Path csv = folder.resolve(csvName);
            browser.await(30, d -> Files.exists(csv) && !Files.exists(folder.resolve(csvName + ".crdownload")));
            String text = Files.readString(csv, StandardCharsets.UTF_8);
            assertThat(text).startsWith("\uFEFF").contains("Tổ công nghệ số cộng đồng");
            assertNothingLeftTheServer(browser);
        }
    }

    @Test
    void an_upload_shows_its_progress_to_done_and_its_rejected_rows_download() throws Exception {
        JsonNode villages = graphql(null, "{ units(level: VILLAGE, under: \"12595\", first: 5) { nodes { code } } }").path("units").path("nodes");
        Path file = Path.of("target", "downloads", "upload-" + System.nanoTime() + ".csv");
        Files.createDirectories(file.getParent());
        StringBuilder csv = new StringBuilder("citizen_id,birth_year,sex,village_code,occurred_on\n");
        int rows = 6_000;
        for (int n = 1; n <= rows; n++) {
            int year = 1950 + n % 50;
            boolean female = n % 2 == 0;
            String id = n % 1_000 == 0 ? "not-a-number" : DemoResidents.citizenId(900_000 + n, year, female);
            csv.append(id).append(',').append(year).append(',').append(female ? "FEMALE" : "MALE").append(',')
                    .append(villages.get(n % villages.size()).path("code").asString()).append(",2025-05-").append(String.format("%02d", 1 + n % 28)).append('\n');
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        Path downloads = Path.of("target", "downloads", "rejections-" + System.nanoTime());
        try (Browser browser = Browser.open()) {
            Path folder = browser.downloadTo(downloads);
            open(browser, "overview?period=2025-Q2");
            signIn(browser, "province-admin");
            browser.find("#nav a[data-view='imports']").click();
            settle(browser);
            new Select(browser.find("#import-service")).selectByValue("vssid");
            new Select(browser.find("#import-stage")).selectByValue("INSTALLED");
            browser.find("#import-file").sendKeys(file.toAbsolutePath().toString());
            // Every state and progress value the page shows, recorded as it changes.
            browser.script("window.seen = []; new MutationObserver(() => { const s = document.querySelector('.job-state');"
                    + " const p = document.getElementById('job-progress');"
                    + " if (s) window.seen.push(s.dataset.state + ':' + (p && p.hasAttribute('value') ? p.value : 'unknown')); })"
                    + ".observe(document.getElementById('import-job'), { childList: true, subtree: true });");
            browser.screenshot("app-imports");
            browser.find("#import-submit").click();
            browser.await(120, d -> !browser.findAll(".job-state[data-state='DONE'], .job-state[data-state='FAILED']").isEmpty()
                    && !browser.findAll("#rejections, #import-job .hint").isEmpty());
            browser.fullPageScreenshot("app-imports-done");
            assertThat(browser.find(".job-state").getAttribute("data-state")).isEqualTo("DONE");
            @SuppressWarnings("unchecked")
            List<String> seen = (List<String>) browser.script("return window.seen;");
            assertThat(seen).as("the progress shown while it ran").anyMatch(s -> s.startsWith("RUNNING")).last().asString().isEqualTo("DONE:1");
            assertThat(browser.find(".job-rows").getText()).contains("6.000 dòng đã xử lý", "5.994 nhận", "6 từ chối");
            assertThat(browser.findAll("#rejections tbody tr")).hasSize(6);
            browser.find("#rejection-report").click();
            browser.await(30, d -> {
                try (Stream<Path> list = Files.list(folder)) {
                    return list.anyMatch(p -> p.getFileName().toString().endsWith("rejections.csv"));
                } catch (java.io.IOException ex) {
                    return false;
                }
            });
            Path report;
            try (Stream<Path> list = Files.list(folder)) {
                report = list.filter(p -> p.getFileName().toString().endsWith("rejections.csv")).findFirst().orElseThrow();
            }
            browser.await(10, d -> !Files.exists(Path.of(report + ".crdownload")));
            List<String> lines = Files.readAllLines(report, StandardCharsets.UTF_8);
            assertThat(lines).hasSize(1 + 6);
            assertThat(String.join("\n", lines)).doesNotContain("not-a-number");
            assertNothingLeftTheServer(browser);
        }
    }

    /**
     * The measurement behind docs/benchmarks.md (not a timed assertion: the time depends on the
     * machine). Each run opens the public overview in a new browser with an empty cache and reads
     * the browser's own timings: first contentful paint, and the first paint with the figures on
     * screen (the app marks it); the page weight is what came over the network (compressed), every
     * request counted. The map is measured the same way. Results go to
     * target/web-performance.md. What is asserted is the page's make-up, which does not depend on
     * the machine: the overview loads no chart library, and stays within its weight budget.
     */
    @Test
    void the_overviews_first_meaningful_paint_and_page_weight_are_measured() throws Exception {
        int runs = 5;
        List<double[]> overview = new ArrayList<>();
        List<double[]> map = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            try (Browser browser = Browser.open()) {
                open(browser, "overview?unit=33&period=2025-Q2");
                browser.await(30, d -> Boolean.TRUE.equals(browser.script("return performance.getEntriesByName('caunoi:overview-figures').length > 0;")));
                overview.add(timings(browser, "caunoi:overview-figures"));
                List<String> urls = browser.requestedUrls();
                assertThat(urls).as("the overview paints without the chart library").noneMatch(u -> u.contains("echarts"));
            }
            try (Browser browser = Browser.open()) {
                open(browser, "map?unit=33&period=2025-Q2&service=vneid");
                browser.await(30, d -> !browser.findAll("#map-canvas[data-ready=true] canvas").isEmpty());
                browser.script("performance.mark('caunoi:map-drawn');");
                map.add(timings(browser, "caunoi:map-drawn"));
            }
        }
        double[] o = median(overview);
        double[] m = median(map);
        StringBuilder report = new StringBuilder("# Web app: first paint and page weight (public, demo data, empty cache)\n\n")
                .append("| page | first contentful paint (ms) | figures on screen (ms) | requests | transferred (KB) | uncompressed (KB) |\n")
                .append("|---|---|---|---|---|---|\n");
        for (int i = 0; i < runs; i++) {
            report.append(row("overview, run " + (i + 1), overview.get(i))).append(row("map, run " + (i + 1), map.get(i)));
        }
        report.append(row("**overview, median**", o)).append(row("**map, median**", m));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "web-performance.md"), report);
        assertThat(o[0]).as("first contentful paint measured").isPositive();
        assertThat(o[1]).as("figures painted after the first paint").isGreaterThanOrEqualTo(o[0]);
        assertThat(o[3]).as("the overview's weight over the network, KB").isLessThan(150);
        assertThat(m[3]).as("the map's weight over the network (ECharts included), KB").isLessThan(700);
    }

    /** [first contentful paint, the mark, requests, KB transferred, KB decoded] of the page so far. */
    static double[] timings(Browser browser, String mark) {
        @SuppressWarnings("unchecked")
        List<Number> t = (List<Number>) browser.script("const fcp = performance.getEntriesByName('first-contentful-paint')[0];"
                + "const m = performance.getEntriesByName(arguments[0])[0];"
                + "const nav = performance.getEntriesByType('navigation')[0];"
                + "const res = performance.getEntriesByType('resource');"
                + "const all = [nav, ...res];"
                + "return [fcp ? fcp.startTime : -1, m ? m.startTime : -1, all.length,"
                + " all.reduce((s, e) => s + (e.transferSize || 0), 0) / 1024, all.reduce((s, e) => s + (e.decodedBodySize || 0), 0) / 1024];", mark);
        return t.stream().mapToDouble(Number::doubleValue).toArray();
    }

    static double[] median(List<double[]> runs) {
        double[] m = new double[runs.get(0).length];
        for (int k = 0; k < m.length; k++) {
            int col = k;
            double[] v = runs.stream().mapToDouble(r -> r[col]).sorted().toArray();
            m[k] = v[v.length / 2];
        }
        return m;
    }

    static String row(String name, double[] t) {
        return String.format(java.util.Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.1f | %.1f |%n", name, t[0], t[1], t[2], t[3], t[4]);
    }

    @Test
    void on_a_tablet_the_map_and_its_legend_fit_the_screen() {
        try (Browser browser = Browser.open(820, 1180)) {
            open(browser, "map?unit=33&period=2025-Q2&service=vneid");
            browser.await(30, d -> !browser.findAll("#map-canvas[data-ready=true] canvas").isEmpty());
            Number overflow = (Number) browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow.intValue()).as("no sideways scrolling").isLessThanOrEqualTo(0);
            assertThat(browser.find(".legend").getRect().getY()).as("the legend goes under the map")
                    .isGreaterThan(browser.find("#map-canvas").getRect().getY());
            browser.screenshot("app-map-tablet");
        }
    }
}
