package vn.caunoi.api.report;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.caunoi.api.graphql.GraphQlConfiguration.Today;
import vn.caunoi.api.indicator.IndicatorController;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.indicator.Indicators;
import vn.caunoi.core.indicator.Indicators.AdoptionRate;
import vn.caunoi.core.indicator.Indicators.TeamScorecard;
import vn.caunoi.core.indicator.Period;
import vn.caunoi.core.indicator.Reports;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The reports a provincial department sends up, as files: adoption rates and team scorecards for a
 * unit and a period, XLSX (streamed) or CSV (UTF-8 with BOM), Vietnamese headings.
 *
 * <pre>
 * GET /reports/adoption-rates?under=33&amp;groupBy=COMMUNE&amp;service=vneid&amp;period=2025-Q2&amp;format=xlsx
 * GET /reports/team-scorecards?under=33&amp;period=2025-06&amp;flaggedOnly=true&amp;format=csv
 * </pre>
 */
@RestController
public class ReportController {

    private final CauNoi caunoi;
    private final Today today;
    private final Clock clock;
    private final IndicatorController graphql;

    private final vn.caunoi.api.security.RateLimiter rates;

    public ReportController(CauNoi caunoi, Today today, Clock clock, IndicatorController graphql, vn.caunoi.api.security.RateLimiter rates) {
        this.rates = rates;
        this.caunoi = caunoi;
        this.today = today;
        this.clock = clock;
        this.graphql = graphql;
    }

    /** The signed-in user of this request, or the public: core applies her role and scope. */
    private static Actor actor() {
        return vn.caunoi.api.security.Actors.current();
    }

    @GetMapping("/reports/adoption-rates")
    public void adoptionRates(@RequestParam(required = false) String under, @RequestParam(required = false) String groupBy,
                              @RequestParam(required = false) String service, @RequestParam(required = false) String stage,
                              @RequestParam(required = false) String period, @RequestParam(required = false) String asOf,
                              @RequestParam(required = false) String hierarchyAsOf,
                              @RequestParam(required = false) String orderBy, @RequestParam(required = false) String format,
                              HttpServletResponse response, jakarta.servlet.http.HttpServletRequest request) throws IOException {
        // Reports cost what the queries behind them cost: the same rate per caller.
        rates.requireWithin(request, vn.caunoi.api.security.RateLimiter.Kind.EXPENSIVE, "reports");
        Reports.Format f = format(format);
        LocalDate map = today.orToday(vn.caunoi.api.graphql.MapDates.asOf(date("asOf", asOf), "hierarchyAsOf",
                date("hierarchyAsOf", hierarchyAsOf)));
        Period p = Period.parse(period, today.date());
        List<AdoptionRate> rates = caunoi.rates().adoptionRates(actor(), new Indicators.RateQuery(required("under", under),
                level(groupBy), service, stage, p, map, orderBy == null ? null : value(Indicators.RateOrder.class, "orderBy", orderBy)));
        String unit = caunoi.hierarchy().requireUnit(actor(), "under", under, map).fullName();
        String measured = rates.isEmpty() ? service : rates.get(0).service() + " — " + rates.get(0).stage();
        start(response, f, Reports.fileName("ty-le-su-dung", f, service, under, p.label()));
        Reports.adoptionRates(f, new Reports.About("Tỷ lệ sử dụng dịch vụ số: " + measured, unit, p.label(), map, generatedAt()),
                rates, response.getOutputStream());
    }

    @GetMapping("/reports/team-scorecards")
    public void teamScorecards(@RequestParam(required = false) String under, @RequestParam(required = false) String period,
                               @RequestParam(required = false) String flaggedOnly, @RequestParam(required = false) String service,
                               @RequestParam(required = false) String format, HttpServletResponse response,
                               jakarta.servlet.http.HttpServletRequest request) throws IOException {
        // Reports cost what the queries behind them cost: the same rate per caller.
        rates.requireWithin(request, vn.caunoi.api.security.RateLimiter.Kind.EXPENSIVE, "reports");
        Reports.Format f = format(format);
        Period p = Period.parse(period, today.date());
        boolean flagged = flaggedOnly != null && value(Boolean.class, "flaggedOnly", flaggedOnly);
        Indicators.ScorecardQuery query = new Indicators.ScorecardQuery(required("under", under), p, flagged, service,
                graphql.thresholds(null));
        List<TeamScorecard> cards = caunoi.scorecards().allTeamScorecards(actor(), query).stream()
                .filter(c -> !flagged || c.flagged()).toList();
        String unit = caunoi.hierarchy().requireUnit(actor(), "under", under, p.to()).fullName();
        start(response, f, Reports.fileName("danh-gia-to-cnscd", f, under, p.label()));
        Reports.teamScorecards(f, new Reports.About("Đánh giá hoạt động tổ công nghệ số cộng đồng", unit, p.label(), p.to(),
                generatedAt()), cards.iterator(), response.getOutputStream());
    }

    private void start(HttpServletResponse response, Reports.Format f, String fileName) {
        response.setContentType(f.mediaType);
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        response.setHeader("Cache-Control", "no-store");
    }

    private String generatedAt() {
        return OffsetDateTime.now(clock).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static Reports.Format format(String text) {
        return text == null ? Reports.Format.XLSX : value(Reports.Format.class, "format", text);
    }

    private LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "NOT_A_DATE", field + " must be a date, YYYY-MM-DD");
        }
    }

    private static UnitLevel level(String text) {
        return value(UnitLevel.class, "groupBy", required("groupBy", text));
    }

    private static String required(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, "REQUIRED", field + " is required");
        }
        return text;
    }

    @SuppressWarnings("unchecked")
    private static <T> T value(Class<T> type, String field, String text) {
        if (type == Boolean.class) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> (T) Boolean.TRUE;
                case "false" -> (T) Boolean.FALSE;
                default -> throw new InvalidInputException(field, "INVALID", field + " is true or false");
            };
        }
        Object[] values = type.getEnumConstants();
        for (Object v : values) {
            if (((Enum<?>) v).name().equalsIgnoreCase(text.strip())) {
                return (T) v;
            }
        }
        throw new InvalidInputException(field, "INVALID", field + " is one of " + java.util.Arrays.toString(values));
    }
}
