package vn.caunoi.api.indicator;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.client.ClientGraphQlResponse;
import vn.caunoi.api.ApiTest;
import vn.caunoi.demo.DemoResidents;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Indicators over HTTP on the demo data: GraphQL contract names, the 2025 merger end to end, reports opened back with POI. */
class IndicatorApiTest extends ApiTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static final String RATES = """
            query($under: String!, $groupBy: UnitLevel!, $period: String, $map: Date, $stage: String) {
              adoptionRates(under: $under, groupBy: $groupBy, service: "vneid", stage: $stage, period: $period, hierarchyAsOf: $map) {
                unit { code fullName level parent { code } } service { code } stage period { label from to } hierarchyAsOf
                adopters newAdopters eligible populationYear rate target targetDueOn gapToTarget adoptersToTarget rank
                targetDetail { unit { code } basis dueOn rate }
              } }""";

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> rates(String under, String groupBy, String period, String map) {
        return rates(under, groupBy, period, map, "LEVEL_2_ACTIVATED");
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> rates(String under, String groupBy, String period, String map, String stage) {
        ClientGraphQlResponse r = graphql(RATES, Map.of("under", under, "groupBy", groupBy, "period", period, "map", map,
                "stage", stage));
        assertThat(r.getErrors()).isEmpty();
        return r.field("adoptionRates").toEntityList(Map.class).stream()
                .collect(Collectors.toMap(m -> (String) ((Map<String, Object>) m.get("unit")).get("code"), m -> (Map<String, Object>) m));
    }

    static long adopters(Map<String, Map<String, Object>> rates, String code) {
        return ((Number) rates.get(code).get("adopters")).longValue();
    }

    @Test
    void adoptions_of_2024_in_tan_hoa_count_under_ngu_thien_today_and_under_hung_ha_on_the_map_of_2024() {
        // given the counts before, on both maps
        Map<String, Map<String, Object>> today = rates("33", "COMMUNE", "2024", "2026-01-01");
        Map<String, Map<String, Object>> districts2024 = rates("34", "DISTRICT", "2024", "2024-06-01");
        Map<String, Map<String, Object>> communes2024 = rates("34", "COMMUNE", "2024", "2024-06-01");
        // when three residents of villages of Xã Tân Hòa (Hưng Hà, 12622) activate VNeID level 2 in 2024
        for (int i = 0; i < 3; i++) {
            ClientGraphQlResponse r = graphql("""
                    mutation($key: String!, $id: String!, $village: String!) {
                      recordAdoption(input: { idempotencyKey: $key, citizenId: $id, village: $village, service: "vneid",
                          stage: "LEVEL_2_ACTIVATED", occurredOn: "2024-08-1%d", attributes: [{ name: "verificationPlace", value: "COMMUNE_POLICE" }] }) {
                        userErrors { field code message } } }""".formatted(i),
                    Map.of("key", "indicator-merger-" + i, "id", DemoResidents.citizenId(700_001 + i, 1990, i == 1),
                            "village", "12622.0" + (i + 1)));
            assertThat(r.field("recordAdoption.userErrors").toEntityList(Map.class)).isEmpty();
        }
        // then
        assertThat(rates("33", "COMMUNE", "2024", "2026-01-01").get("12595"))
                .as("Xã Ngự Thiên on today's map").containsEntry("adopters", (int) adopters(today, "12595") + 3)
                .extractingByKey("unit").asString().contains("Xã Ngự Thiên");
        Map<String, Map<String, Object>> after2024 = rates("34", "DISTRICT", "2024", "2024-06-01");
        assertThat(adopters(after2024, "339")).as("Huyện Hưng Hà on the map of 2024").isEqualTo(adopters(districts2024, "339") + 3);
        assertThat(after2024.get("339").get("unit").toString()).contains("Huyện Hưng Hà");
        assertThat(adopters(rates("34", "COMMUNE", "2024", "2024-06-01"), "12622")).as("Xã Tân Hòa itself in 2024")
                .isEqualTo(adopters(communes2024, "12622") + 3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_commune_of_hung_yen_gets_a_rate_against_the_province_target() {
        Map<String, Map<String, Object>> r = rates("33", "COMMUNE", "2025", "2026-01-01");
        assertThat(r).hasSize(104);
        assertThat(r.values()).allSatisfy(x -> {
            assertThat(x.get("eligible")).as("demo figures cover every commune").isNotNull();
            assertThat(x.get("populationYear")).isEqualTo(2025);
            assertThat(x.get("target")).isEqualTo(0.8);
            assertThat(x.get("targetDueOn")).isEqualTo("2025-12-31");
            assertThat(((Map<String, Object>) x.get("targetDetail")).get("basis").toString()).contains("Hưng Yên");
            assertThat(((Map<String, Object>) x.get("period")).get("label")).isEqualTo("2025");
            double rate = ((Number) x.get("rate")).doubleValue();
            assertThat(rate).isEqualTo(((Number) x.get("adopters")).doubleValue() / ((Number) x.get("eligible")).doubleValue(), within(1e-12));
            assertThat(((Number) x.get("gapToTarget")).doubleValue()).isEqualTo(0.8 - rate, within(1e-12));
        });
        assertThat(r.values().stream().map(x -> x.get("rank")).toList()).contains(1);
        Map<String, Map<String, Object>> province = rates("33", "PROVINCE", "2025", "2026-01-01");
        assertThat(adopters(province, "33")).isEqualTo(r.values().stream().mapToLong(x -> ((Number) x.get("adopters")).longValue()).sum());
    }

    @Test
    void a_trend_by_month_and_the_order_of_rates() {
        ClientGraphQlResponse r = graphql("""
                { adoptionTrend(code: "33", service: "vneid", from: "2024-06-01", to: "2024-12-31", interval: MONTH, hierarchyAsOf: "2026-01-01") {
                    period { label from to } adopters newAdopters eligible rate target } }""");
        assertThat(r.getErrors()).isEmpty();
        List<Map> points = r.field("adoptionTrend").toEntityList(Map.class);
        assertThat(points).hasSize(7);
        assertThat(points.get(0).get("period").toString()).contains("2024-06");
        long sum = points.stream().mapToLong(p -> ((Number) p.get("newAdopters")).longValue()).sum();
        long first = ((Number) points.get(0).get("adopters")).longValue() - ((Number) points.get(0).get("newAdopters")).longValue();
        assertThat(((Number) points.get(6).get("adopters")).longValue()).as("the stock moves by the flows").isEqualTo(first + sum);
        List<Map> ordered = graphql("""
                { adoptionRates(under: "33", groupBy: COMMUNE, service: "vneid", period: "2025", hierarchyAsOf: "2026-01-01", orderBy: RATE_DESC) {
                    rate rank } }""").field("adoptionRates").toEntityList(Map.class);
        for (int i = 1; i < ordered.size(); i++) {
            assertThat(((Number) ordered.get(i).get("rate")).doubleValue()).isLessThanOrEqualTo(((Number) ordered.get(i - 1).get("rate")).doubleValue());
        }
        assertThat(ordered.get(0).get("rank")).isEqualTo(1);
    }

    @Test
    void scorecards_page_through_the_teams_and_flag_with_reasons() {
        String query = """
                query($after: String, $flaggedOnly: Boolean) {
                  teamScorecards(under: "34", period: "2024-Q4", first: 100, after: $after, flaggedOnly: $flaggedOnly) {
                    totalCount flaggedCount pageInfo { hasNextPage endCursor }
                    nodes { team { id name } area { code } province { code } members activeMembers supportActivities residentsHelped
                            activitiesPerMemberPerMonth trainedMemberShare growthVsProvince flagged flags { code message messageVi value threshold } } } }""";
        ClientGraphQlResponse first = graphql(query, Map.of());
        assertThat(first.getErrors()).isEmpty();
        int total = first.field("teamScorecards.totalCount").toEntity(Integer.class);
        int flagged = first.field("teamScorecards.flaggedCount").toEntity(Integer.class);
        assertThat(total).as("Thái Bình's 1,797 teams of the article").isEqualTo(1797);
        assertThat(flagged).isBetween(1, total);
        List<Map> nodes = first.field("teamScorecards.nodes").toEntityList(Map.class);
        assertThat(nodes).hasSize(100);
        assertThat(nodes.get(0).get("flagged")).as("most flags first").isEqualTo(true);
        assertThat(nodes).allSatisfy(n -> assertThat(n.get("province").toString()).contains("34"));
        String cursor = first.field("teamScorecards.pageInfo.endCursor").toEntity(String.class);
        List<Map> second = graphql(query, Map.of("after", cursor)).field("teamScorecards.nodes").toEntityList(Map.class);
        assertThat(second.get(0).get("team")).isNotEqualTo(nodes.get(99).get("team"));
        int onlyFlagged = graphql(query, Map.of("flaggedOnly", true)).field("teamScorecards.totalCount").toEntity(Integer.class);
        assertThat(onlyFlagged).isEqualTo(flagged);
        List<Map> lenient = graphql("""
                { teamScorecards(under: "34", period: "2024-Q4", first: 5, thresholds: { activitiesPerMemberPerMonth: 0, activeMemberShare: 0,
                    trainedMemberShare: 0, growthVsProvince: 0, minimumMembers: 0 }) { flaggedCount nodes { flags { code } } } }""")
                .field("teamScorecards.nodes").toEntityList(Map.class);
        assertThat(lenient).allSatisfy(n -> assertThat(n.get("flags").toString()).doesNotContain("LOW_ACTIVITY", "UNTRAINED"));
    }

    @Test
    void targets_are_set_by_mutation_replaced_in_place_and_refused_with_the_field_named() {
        ClientGraphQlResponse bad = graphql("""
                mutation { setAdoptionTarget(input: { unit: "99999", service: "vneid", dueOn: "2026-12-31", rate: 1.5 }) {
                  target { id } userErrors { field code } } }""");
        assertThat(bad.field("setAdoptionTarget.userErrors").toEntityList(Map.class)).extracting(e -> e.get("field")).contains("rate");
        String set = """
                mutation($rate: Float!) { setAdoptionTarget(input: { unit: "12595", service: "vneid", stage: "DOCUMENTS_INTEGRATED",
                    dueOn: "2026-12-31", rate: $rate,
                    basis: "Kế hoạch của xã (thử)" }) { target { id unit { code fullName } stage rate dueOn basis } userErrors { field } } }""";
        ClientGraphQlResponse once = graphql(set, Map.of("rate", 0.95));
        assertThat(once.field("setAdoptionTarget.userErrors").toEntityList(Map.class)).isEmpty();
        assertThat(once.field("setAdoptionTarget.target.stage").toEntity(String.class)).isEqualTo("DOCUMENTS_INTEGRATED");
        ClientGraphQlResponse again = graphql(set, Map.of("rate", 0.97));
        assertThat(again.field("setAdoptionTarget.target.id").toEntity(String.class))
                .isEqualTo(once.field("setAdoptionTarget.target.id").toEntity(String.class));
        Map<String, Map<String, Object>> documents = rates("33", "COMMUNE", "2026", "2026-06-01", "DOCUMENTS_INTEGRATED");
        assertThat(documents.get("12595")).containsEntry("target", 0.97);
        assertThat(documents.get("12583")).as("no target for this stage elsewhere").containsEntry("target", null);
        assertThat(rates("33", "COMMUNE", "2026", "2026-06-01").get("12595")).as("the province's for level 2").containsEntry("target", 0.9);
        List<Map> listed = graphql("{ adoptionTargets(under: \"12595\", service: \"vneid\", asOf: \"2026-06-01\") { unit { code } stage rate dueOn } }")
                .field("adoptionTargets").toEntityList(Map.class);
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0)).containsEntry("rate", 0.97);
    }

    @Test
    void bad_questions_are_errors_with_a_code_and_the_field() {
        ClientGraphQlResponse r = graphql("{ adoptionRates(under: \"33\", groupBy: COMMUNE, service: \"vneid\", period: \"2025-13\") { rate } }");
        assertThat(r.getErrors()).hasSize(1);
        assertThat(r.getErrors().get(0).getExtensions()).containsEntry("code", "BAD_USER_INPUT").containsEntry("field", "period");
        ClientGraphQlResponse above = graphql("{ adoptionRates(under: \"12595\", groupBy: PROVINCE, service: \"vneid\") { rate } }");
        assertThat(above.getErrors().get(0).getExtensions()).containsEntry("field", "groupBy").containsEntry("reason", "ABOVE_UNDER");
        ClientGraphQlResponse unknown = graphql("{ adoptionTrend(code: \"33\", service: \"nope\", from: \"2025-01-01\", to: \"2025-02-01\", interval: DAY) { rate } }");
        assertThat(unknown.getErrors().get(0).getExtensions()).containsEntry("field", "service").containsEntry("reason", "UNKNOWN_SERVICE");
    }

    @Test
    void rates_of_a_hundred_communes_cost_as_many_statements_as_those_of_two_thousand_villages() {
        String query = """
                query($level: UnitLevel!) { adoptionRates(under: "33", groupBy: $level, service: "vneid", period: "2025", hierarchyAsOf: "2026-01-01") {
                  unit { code parent { code } } service { code name } rate targetDetail { unit { code } service { code } } } }""";
        long before = caunoi.statementsExecuted();
        assertThat(graphql(query, Map.of("level", "COMMUNE")).field("adoptionRates").toEntityList(Map.class)).hasSize(104);
        long communes = caunoi.statementsExecuted() - before;
        before = caunoi.statementsExecuted();
        assertThat(graphql(query, Map.of("level", "VILLAGE")).field("adoptionRates").toEntityList(Map.class)).hasSizeGreaterThan(2000);
        long villages = caunoi.statementsExecuted() - before;
        org.slf4j.LoggerFactory.getLogger(IndicatorApiTest.class).info("SQL statements for rates of 104 communes, of the villages: {}, {}", communes, villages);
        assertThat(villages).isEqualTo(communes);
        assertThat(communes).isLessThanOrEqualTo(16);
    }

    // --- reports --------------------------------------------------------------------------------

    HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_adoption_rate_report_as_xlsx_holds_the_api_s_figures_cell_by_cell() throws Exception {
        List<Map> api = graphql("""
                { adoptionRates(under: "33", groupBy: COMMUNE, service: "vneid", period: "2025-Q2", hierarchyAsOf: "2026-01-01") {
                    unit { code fullName } adopters newAdopters eligible rate target rank } }""").field("adoptionRates").toEntityList(Map.class);
        HttpResponse<byte[]> response = get("/reports/adoption-rates?under=33&groupBy=COMMUNE&service=vneid&period=2025-Q2&hierarchyAsOf=2026-01-01");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(response.headers().firstValue("Content-Disposition").orElse("")).contains("ty-le-su-dung_vneid_33_2025-q2.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            Sheet sheet = book.getSheet("Tỷ lệ sử dụng");
            assertThat(texts(sheet.getRow(0))).containsExactly("Mã đơn vị", "Tên đơn vị", "Cấp", "Dịch vụ", "Bước (trở lên)", "Kỳ",
                    "Số người đã sử dụng", "Tăng trong kỳ", "Dân số trong độ tuổi", "Năm số liệu dân số", "Tỷ lệ (%)", "Chỉ tiêu (%)",
                    "Hạn chỉ tiêu", "Còn thiếu so với chỉ tiêu (điểm %)", "Số người cần thêm để đạt chỉ tiêu", "Xếp hạng");
            assertThat(sheet.getLastRowNum()).isEqualTo(api.size());
            for (int i = 0; i < api.size(); i++) {
                Map<String, Object> expected = api.get(i);
                Row row = sheet.getRow(i + 1);
                Map<String, Object> unit = (Map<String, Object>) expected.get("unit");
                assertThat(row.getCell(0).getStringCellValue()).isEqualTo(unit.get("code"));
                assertThat(row.getCell(1).getStringCellValue()).isEqualTo(unit.get("fullName"));
                assertThat(row.getCell(2).getStringCellValue()).isEqualTo("Xã");
                assertThat(row.getCell(3).getStringCellValue()).isEqualTo("vneid");
                assertThat(row.getCell(4).getStringCellValue()).isEqualTo("LEVEL_2_ACTIVATED");
                assertThat(row.getCell(5).getStringCellValue()).isEqualTo("2025-Q2");
                assertThat(row.getCell(6).getNumericCellValue()).isEqualTo(((Number) expected.get("adopters")).doubleValue());
                assertThat(row.getCell(7).getNumericCellValue()).isEqualTo(((Number) expected.get("newAdopters")).doubleValue());
                assertThat(row.getCell(8).getNumericCellValue()).isEqualTo(((Number) expected.get("eligible")).doubleValue());
                assertThat(row.getCell(9).getNumericCellValue()).isEqualTo(2025);
                assertThat(row.getCell(10).getNumericCellValue()).isEqualTo(((Number) expected.get("rate")).doubleValue(), within(1e-12));
                assertThat(row.getCell(10).getCellStyle().getDataFormatString()).isEqualTo("0.00%");
                assertThat(row.getCell(11).getNumericCellValue()).isEqualTo(0.8);
                assertThat(row.getCell(12).getStringCellValue()).isEqualTo("2025-12-31");
                assertThat(row.getCell(15).getNumericCellValue()).isEqualTo(((Number) expected.get("rank")).doubleValue());
            }
            Sheet info = book.getSheet("Thông tin");
            assertThat(info.getRow(1).getCell(1).getStringCellValue()).isEqualTo("Tỉnh Hưng Yên");
            assertThat(info.getRow(2).getCell(1).getStringCellValue()).isEqualTo("2025-Q2");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_scorecard_report_as_csv_has_a_bom_vietnamese_headings_and_the_flags() throws Exception {
        List<Map> api = new ArrayList<>();
        String after = null;
        do {
            ClientGraphQlResponse r = graphql("""
                    query($after: String) { teamScorecards(under: "12622", period: "2024-12", first: 500, after: $after) {
                      pageInfo { hasNextPage endCursor } nodes { team { name } area { code } members supportActivities flags { messageVi } } } }"""
                    , after == null ? Map.of() : Map.of("after", after));
            api.addAll(r.field("teamScorecards.nodes").toEntityList(Map.class));
            after = Boolean.TRUE.equals(r.field("teamScorecards.pageInfo.hasNextPage").toEntity(Boolean.class))
                    ? r.field("teamScorecards.pageInfo.endCursor").toEntity(String.class) : null;
        } while (after != null);
        HttpResponse<byte[]> response = get("/reports/team-scorecards?under=12622&period=2024-12&format=csv");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        byte[] body = response.body();
        assertThat(new byte[]{body[0], body[1], body[2]}).as("UTF-8 byte order mark").containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        List<org.apache.commons.csv.CSVRecord> records = org.apache.commons.csv.CSVParser.parse(text, org.apache.commons.csv.CSVFormat.DEFAULT).getRecords();
        assertThat(records.get(0).get(0)).isEqualTo("Tổ công nghệ số cộng đồng");
        assertThat(records.get(0).get(20)).isEqualTo("Cảnh báo");
        assertThat(records).hasSize(api.size() + 1);
        for (int i = 0; i < api.size(); i++) {
            Map<String, Object> card = api.get(i);
            org.apache.commons.csv.CSVRecord row = records.get(i + 1);
            assertThat(row.get(0)).isEqualTo(((Map<String, Object>) card.get("team")).get("name"));
            assertThat(row.get(2)).isEqualTo(((Map<String, Object>) card.get("area")).get("code"));
            assertThat(row.get(5)).isEqualTo(String.valueOf(card.get("members")));
            assertThat(row.get(8)).isEqualTo(String.valueOf(card.get("supportActivities")));
            String flags = ((List<Map<String, Object>>) card.get("flags")).stream().map(f -> (String) f.get("messageVi")).collect(Collectors.joining("; "));
            assertThat(row.get(20)).isEqualTo(flags);
        }
    }

    @Test
    void the_scorecard_report_as_xlsx_opens_with_one_row_per_team() throws Exception {
        HttpResponse<byte[]> response = get("/reports/team-scorecards?under=34&period=2024-Q4&flaggedOnly=true");
        assertThat(response.statusCode()).isEqualTo(200);
        int flagged = graphql("{ teamScorecards(under: \"34\", period: \"2024-Q4\", first: 1) { flaggedCount } }")
                .field("teamScorecards.flaggedCount").toEntity(Integer.class);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            Sheet sheet = book.getSheet("Đánh giá tổ");
            assertThat(sheet.getLastRowNum()).isEqualTo(flagged);
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                assertThat(sheet.getRow(i).getCell(20).getStringCellValue()).as("row %d is flagged", i).isNotBlank();
                assertThat(sheet.getRow(i).getCell(5).getCellType()).isEqualTo(CellType.NUMERIC);
            }
        }
    }

    @Test
    void report_parameters_are_checked_and_named() throws Exception {
        HttpResponse<byte[]> noUnder = get("/reports/adoption-rates?groupBy=COMMUNE&service=vneid");
        assertThat(noUnder.statusCode()).isEqualTo(400);
        assertThat(new String(noUnder.body(), StandardCharsets.UTF_8)).contains("\"field\":\"under\"").contains("REQUIRED");
        HttpResponse<byte[]> badFormat = get("/reports/adoption-rates?under=33&groupBy=COMMUNE&service=vneid&format=pdf");
        assertThat(badFormat.statusCode()).isEqualTo(400);
        assertThat(new String(badFormat.body(), StandardCharsets.UTF_8)).contains("\"field\":\"format\"");
        HttpResponse<byte[]> badPeriod = get("/reports/team-scorecards?under=33&period=soon");
        assertThat(badPeriod.statusCode()).isEqualTo(400);
        assertThat(new String(badPeriod.body(), StandardCharsets.UTF_8)).contains("\"field\":\"period\"").doesNotContain("Exception");
    }

    static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        for (Cell c : row) {
            texts.add(c.getStringCellValue());
        }
        return texts;
    }
}
