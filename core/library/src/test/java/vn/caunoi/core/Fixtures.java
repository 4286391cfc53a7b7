package vn.caunoi.core;

import vn.caunoi.core.common.Actor;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.spi.AttributeProblem;
import vn.caunoi.spi.AttributeRule;
import vn.caunoi.spi.DigitalService;
import vn.caunoi.spi.Eligibility;
import vn.caunoi.spi.ServiceDescriptor;
import vn.caunoi.spi.Stage;
import vn.caunoi.testkit.TestDatabases;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Shared test fixtures of core: a library on a fresh database, and plain digital services without PF4J. */
public final class Fixtures {

    public static final Actor SYSTEM = Actor.system();

    private Fixtures() {
    }

    /**
     * A made-up citizen ID: province code 034 (033 for every third), the century-and-sex digit, the
     * birth year, and {@code n} as the last six digits. Valid in form, nobody's number.
     */
    public static String citizenId(int n, int year, boolean female) {
        return (n % 3 == 0 ? "033" : "034") + ((year - 1900) / 100 * 2 + (female ? 1 : 0)) + String.format("%02d", year % 100)
                + String.format("%06d", n);
    }

    /** core on a new empty database, with a fresh personal-data key. */
    public static CauNoi freshLibrary() {
        return CauNoi.create(TestDatabases.freshDatabase(), PersonalDataProtector.newKey());
    }

    /** A service with these stages (adopted at the last) whose records may carry a 4-digit {@code code}. */
    public static DigitalService service(String code, String... stages) {
        List<String> list = stages.length == 0 ? List.of("INSTALLED", "USED") : Arrays.asList(stages);
        ServiceDescriptor.Builder b = ServiceDescriptor.builder(code).name("Dịch vụ " + code, "Service " + code)
                .description("Mô tả", "Description").eligibility(Eligibility.personsFrom(15, null));
        list.forEach(s -> b.stage(Stage.of(s, s.toLowerCase(), s.toLowerCase())));
        ServiceDescriptor d = b.build();
        return new DigitalService() {
            @Override
            public ServiceDescriptor descriptor() {
                return d;
            }

            @Override
            public List<AttributeProblem> validate(String stage, Map<String, String> attributes) {
                return AttributeRule.check(List.of(AttributeRule.pattern("code", "\\d{4}", "NOT_4_DIGITS", "4 chữ số", "4 digits")), stage, attributes);
            }
        };
    }

    /** The five first-party services' codes and stages, registered as if their plugins were loaded. */
    public static void registerFirstPartyLikeServices(CauNoi caunoi) {
        caunoi.digitalServices().register(SYSTEM, "test", "1.0.0", List.of(
                service("vneid", "LEVEL_1_ACTIVATED", "LEVEL_2_ACTIVATED", "DOCUMENTS_INTEGRATED"),
                service("vssid", "INSTALLED", "ACCOUNT_ACTIVATED", "HEALTH_CARD_USED"),
                service("epayment", "ACCOUNT_OPENED", "FIRST_PAYMENT")));
    }
}
