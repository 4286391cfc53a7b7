package vn.caunoi.examples.client;

import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.FieldAccessException;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * How a province's own Java service calls Cầu Nối: Spring for GraphQL's {@link HttpGraphQlClient},
 * documents kept as files ({@code src/main/resources/graphql-documents/<name>.graphql}, loaded by
 * name), answers read into records. Every call blocks here for the example's sake; a reactive
 * service would keep the {@code Mono}s.
 */
public final class CauNoiClient {

    /** A unit as the queries below select it. */
    public record Unit(String code, String fullName) {
    }

    /** One row of {@code adoptionRates}; figures are null where withheld or unknown (see the schema). */
    public record AdoptionRate(Unit unit, Integer adopters, Integer eligible, Double rate, Double target, Double gapToTarget,
                               boolean suppressed) {
    }

    /** A resident's status for a service after a record. */
    public record Status(String stage, LocalDate since) {
    }

    /** A mutation's refusal of bad input: nothing was written. */
    public record UserError(String field, String code, String message) {
    }

    /** {@code recordAdoption}'s answer. */
    public record Recorded(String maskedCitizenId, boolean replayed, Status status, List<UserError> userErrors) {
    }

    private final HttpGraphQlClient client;

    /**
     * @param graphqlUrl the server's GraphQL endpoint, e.g. {@code https://caunoi.example.gov.vn/graphql}
     * @param bearerToken a token of the province's identity provider; null for the public
     */
    public CauNoiClient(String graphqlUrl, String bearerToken) {
        WebClient.Builder web = WebClient.builder().baseUrl(graphqlUrl).clientConnector(new JdkClientHttpConnector());
        if (bearerToken != null) {
            web.defaultHeader("Authorization", "Bearer " + bearerToken);
        }
        this.client = HttpGraphQlClient.builder(web).build();
    }

    /** The communes of a province, furthest behind the target first. */
    public List<AdoptionRate> communeRates(String province, String service, String period) {
        return client.documentName("communeRates")
                .variable("province", province).variable("service", service).variable("period", period)
                .retrieve("adoptionRates").toEntityList(AdoptionRate.class)
                .block(Duration.ofSeconds(30));
    }

    /**
     * Records that a resident reached a stage. The key is made once per record and reused on
     * every retry: the server writes once and answers {@code replayed: true} to a retry.
     */
    public Recorded recordAdoption(String idempotencyKey, String citizenId, String village, String service, String stage,
                                   LocalDate occurredOn) {
        ClientGraphQlResponse response = client.documentName("recordAdoption")
                .variable("input", Map.of("idempotencyKey", idempotencyKey, "citizenId", citizenId, "village", village,
                        "service", service, "stage", stage, "occurredOn", occurredOn.toString()))
                .execute().block(Duration.ofSeconds(30));
        if (response == null || !response.getErrors().isEmpty()) {
            // Authorization and system failures are GraphQL errors with a stable extensions.code.
            throw new IllegalStateException("refused: " + (response == null ? "no answer" : response.getErrors()));
        }
        try {
            return response.field("recordAdoption").toEntity(Recorded.class);
        } catch (FieldAccessException e) {
            throw new IllegalStateException("unexpected answer: " + e.getResponse(), e);
        }
    }
}
