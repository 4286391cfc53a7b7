package vn.caunoi.core;

import vn.caunoi.core.common.Actor;
import vn.caunoi.core.hierarchy.HierarchyImporter;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.core.store.Database;
import vn.caunoi.core.store.Tx;
import vn.caunoi.spi.AttributeProblem;
import vn.caunoi.spi.AttributeRule;
import vn.caunoi.spi.DigitalService;
import vn.caunoi.spi.Eligibility;
import vn.caunoi.spi.ServiceDescriptor;
import vn.caunoi.spi.Stage;
import vn.caunoi.testkit.TestDatabases;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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

    /**
     * The hand-made province of the team tests, through the public importer: two communes merged
     * into one on 2025-07-01, when the district ends. Its villages follow their commune.
     * <pre>
     * 2024-05-01 to 2025-06-30                      from 2025-07-01
     * 10 Tỉnh Thử                                   10 Tỉnh Thử
     *  └ 100 Huyện Một                               └ 10003 Xã An Bình ← 10001 + 10002 (full)
     *     ├ 10001 Xã An        10001.01, 10001.02         10001.01, 10001.02, 10002.01
     *     └ 10002 Phường Bình  10002.01
     * </pre>
     */
    public static void importTwoCommunesMergedIn2025(HierarchyImporter importer) {
        importer.importSnapshot(SYSTEM, "list.csv", utf8("""
                province_code,province_name,district_code,district_name,district_kind,commune_code,commune_name,commune_kind,village_code,village_name,village_kind
                10,Tỉnh Thử,100,Huyện Một,Huyện,10001,Xã An,Xã,10001.01,Thôn Đông,Thôn
                10,Tỉnh Thử,100,Huyện Một,Huyện,10001,Xã An,Xã,10001.02,Thôn Đoài,Thôn
                10,Tỉnh Thử,100,Huyện Một,Huyện,10002,Phường Bình,Phường,10002.01,Tổ dân phố 1,Tổ dân phố
                """), LocalDate.of(2024, 5, 1));
        importer.importChanges(SYSTEM, "changes.csv", utf8("""
                effective_date,level,new_code,new_name,old_code,old_name,share,legal_basis
                2025-07-01,COMMUNE,10003,Xã An Bình,10001,Xã An,full,test
                2025-07-01,COMMUNE,10003,Xã An Bình,10002,Phường Bình,full,test
                """), "after.csv", utf8("""
                province_code,province_name,commune_code,commune_name,commune_kind
                10,Tỉnh Thử,10003,Xã An Bình,Xã
                """));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Runs {@code work} in one transaction of {@code db} and rolls it back, whether it passes or
     * fails: what a mapper test writes is seen by its own statements and by no other test.
     *
     * <p>It runs as a read because {@link Database} ends a read with a rollback even when the work
     * returns normally.
     */
    public static void rolledBack(Database db, Consumer<Tx> work) {
        Throwable failure = db.read(tx -> {
            try {
                work.accept(tx);
                return null;
            } catch (RuntimeException | Error e) {
                return e;
            }
        });
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }
}
