package vn.caunoi.core.indicator;

import vn.caunoi.core.adoption.Adoption;
import vn.caunoi.core.team.MemberService;
import vn.caunoi.core.activity.TrainingService;
import vn.caunoi.core.activity.SupportActivityService;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.Fixtures;
import vn.caunoi.core.activity.Activities;
import vn.caunoi.core.imports.ImportJob;
import vn.caunoi.core.imports.ImportJobs;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.core.resident.Residents;
import vn.caunoi.core.team.Affiliation;
import vn.caunoi.core.team.TeamRole;
import vn.caunoi.core.team.TeamService;
import vn.caunoi.spi.AttributeProblem;
import vn.caunoi.spi.DigitalService;
import vn.caunoi.spi.Eligibility;
import vn.caunoi.spi.ServiceDescriptor;
import vn.caunoi.spi.Stage;
import vn.caunoi.testkit.TestDatabases;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A hand-made province whose every indicator can be worked out on paper.
 *
 * <pre>
 * until 2025-06-30                             from 2025-07-01 (districts abolished)
 * 10 Tỉnh Thử                                  10 Tỉnh Thử
 *  └ 100 Huyện Một                              ├ 10003 Xã An Bình ← 10001 + 10002 (full)
 *     ├ 10001 Xã An      10001.01, 10001.02     │    10001.01, 10001.02, 10002.01
 *     ├ 10002 Phường Bình 10002.01              ├ 10004 Xã Cát Bắc ← part of 10004 (keeps the code
 *     └ 10004 Xã Cát     10004.01, 10004.02     │    and both villages)
 *                                               └ 10005 Xã Cát Nam ← part of 10004 (no village)
 * </pre>
 *
 * Service "id" (LEVEL_1 → LEVEL_2 → DOCUMENTS, adopted at LEVEL_2, from age 14); the residents, their
 * records, population figures, targets and teams are listed where they are created below.
 */
final class TinyProvince {

    static final String V1 = "10001.01";
    static final String V2 = "10001.02";
    static final String V3 = "10002.01";
    static final String C1 = "10004.01";
    static final String C2 = "10004.02";
    static final LocalDate MAP_2024 = LocalDate.of(2024, 12, 31);
    static final LocalDate MAP_2025 = LocalDate.of(2025, 8, 1);

    final DataSource dataSource = TestDatabases.freshDatabase();
    final CauNoi caunoi = CauNoi.create(dataSource, PersonalDataProtector.newKey());
    long teamA;
    long teamB;

    TinyProvince() {
        caunoi.hierarchyImporter().importSnapshot(Fixtures.SYSTEM, "list.csv", bytes("""
                province_code,province_name,district_code,district_name,district_kind,commune_code,commune_name,commune_kind,village_code,village_name,village_kind
                10,Tỉnh Thử,100,Huyện Một,Huyện,10001,Xã An,Xã,10001.01,Thôn Đông,Thôn
                10,Tỉnh Thử,100,Huyện Một,Huyện,10001,Xã An,Xã,10001.02,Thôn Đoài,Thôn
                10,Tỉnh Thử,100,Huyện Một,Huyện,10002,Phường Bình,Phường,10002.01,Tổ dân phố 1,Tổ dân phố
                10,Tỉnh Thử,100,Huyện Một,Huyện,10004,Xã Cát,Xã,10004.01,Thôn Thượng,Thôn
                10,Tỉnh Thử,100,Huyện Một,Huyện,10004,Xã Cát,Xã,10004.02,Thôn Hạ,Thôn
                """), LocalDate.of(2024, 1, 1));
        caunoi.hierarchyImporter().importChanges(Fixtures.SYSTEM, "changes.csv", bytes("""
                effective_date,level,new_code,new_name,old_code,old_name,share,legal_basis
                2025-07-01,COMMUNE,10003,Xã An Bình,10001,Xã An,full,test
                2025-07-01,COMMUNE,10003,Xã An Bình,10002,Phường Bình,full,test
                2025-07-01,COMMUNE,10004,Xã Cát Bắc,10004,Xã Cát,partial,test
                2025-07-01,COMMUNE,10005,Xã Cát Nam,10004,Xã Cát,partial,test
                """), "after.csv", bytes("""
                province_code,province_name,commune_code,commune_name,commune_kind
                10,Tỉnh Thử,10003,Xã An Bình,Xã
                10,Tỉnh Thử,10004,Xã Cát Bắc,Xã
                10,Tỉnh Thử,10005,Xã Cát Nam,Xã
                """));
        caunoi.digitalServices().register(Fixtures.SYSTEM, "test", "1.0.0", List.of(
                service("id", Eligibility.personsFrom(14, null), "LEVEL_2", "LEVEL_1", "LEVEL_2", "DOCUMENTS"),
                service("shop", Eligibility.households(null), "SELLING", "LISTED", "SELLING")));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static DigitalService service(String code, Eligibility eligibility, String adoptedAt, String... stages) {
        ServiceDescriptor.Builder b = ServiceDescriptor.builder(code).name("Dịch vụ " + code, "Service " + code)
                .description("Mô tả", "Description").eligibility(eligibility).adoptedAt(adoptedAt);
        for (String s : stages) {
            b.stage(Stage.of(s, s.toLowerCase(), s.toLowerCase()));
        }
        ServiceDescriptor d = b.build();
        return new DigitalService() {
            @Override
            public ServiceDescriptor descriptor() {
                return d;
            }

            @Override
            public List<AttributeProblem> validate(String stage, Map<String, String> attributes) {
                return List.of();
            }
        };
    }

    /**
     * Residents at LEVEL_2 or further of "id":
     * <pre>
     * R1 10001.01  LEVEL_1 2024-03-10, LEVEL_2 2024-06-05
     * R2 10001.01  LEVEL_2 2024-11-20
     * R3 10001.02  LEVEL_1 2024-05-01
     * R4 10002.01  LEVEL_2 2024-02-15, DOCUMENTS 2025-08-10
     * R5 10002.01  LEVEL_1 2025-07-15, LEVEL_2 2025-09-02
     * R6 10004.01  LEVEL_2 2024-04-04
     * R7 10004.02  LEVEL_2 2025-07-20
     * </pre>
     */
    TinyProvince withAdoption() {
        record("r1a", 1, V1, "LEVEL_1", "2024-03-10");
        record("r1b", 1, V1, "LEVEL_2", "2024-06-05");
        record("r2", 2, V1, "LEVEL_2", "2024-11-20");
        record("r3", 3, V2, "LEVEL_1", "2024-05-01");
        record("r4a", 4, V3, "LEVEL_2", "2024-02-15");
        record("r4b", 4, V3, "DOCUMENTS", "2025-08-10");
        record("r5a", 5, V3, "LEVEL_1", "2025-07-15");
        record("r5b", 5, V3, "LEVEL_2", "2025-09-02");
        record("r6", 6, C1, "LEVEL_2", "2024-04-04");
        record("r7", 7, C2, "LEVEL_2", "2025-07-20");
        return this;
    }

    void record(String key, int resident, String village, String stage, String day) {
        caunoi.adoption().recordAdoption(Fixtures.SYSTEM, new Adoption.NewAdoption("tiny-" + key + "-0000",
                vn.caunoi.core.Fixtures.citizenId(resident, 1980, false), 1980, null, null, village, "id", stage, null,
                LocalDate.parse(day), null, null, null, Map.of(), null, false));
    }

    /**
     * Population, by age band; eligible for "id" (14 and older) in brackets:
     * <pre>
     * 2024  10       whole population 5000 (coarser than the communes' figures: not used)
     *       10001    0–13: 100, 14–17: 40, 18+: 300                        [340]
     *       10001.01 0–13: 30, 14–17: 10, 18+: 110                         [120] → 10001.02 gets 340 − 120 = 220
     *       10002    0–14: 150 (a fifteenth is 14), 15–59: 200, 60+: 50    [260]
     *       10004    whole population 700, 300 households                   [700] → 350 per village
     * 2025  10003    0–13: 150, 14+: 800                                    [800] → 267, 267, 266 per village
     *       10005    whole population 400, 120 households                   [400] (no village: its own leaf)
     * </pre>
     */
    TinyProvince withPopulation() {
        importFile(ImportJob.Kind.POPULATION, """
                unit_code,year,age_from,age_to,persons,households
                10,2024,0,,5000,
                10001,2024,0,13,100,
                10001,2024,14,17,40,
                10001,2024,18,,300,
                10001.01,2024,0,13,30,
                10001.01,2024,14,17,10,
                10001.01,2024,18,,110,
                10002,2024,0,14,150,
                10002,2024,15,59,200,
                10002,2024,60,,50,
                10004,2024,0,,700,300
                10003,2025,0,13,150,
                10003,2025,14,,800,
                10005,2025,0,,400,120
                """, Map.of());
        return this;
    }

    /** Targets for "id" at LEVEL_2: the province 50 % by 2025-12-31; Xã An 60 % by 2024-12-31 and 90 % by 2025-12-31. */
    TinyProvince withTargets() {
        importFile(ImportJob.Kind.TARGET, """
                unit_code,due_on,target_percent,basis,as_of
                10,2025-12-31,50,Nghị quyết 01/NQ-TU,
                10001,31/12/2024,60,Kế hoạch 12/KH-UBND,
                10001,2025-12-31,"90,0",Kế hoạch 12/KH-UBND,2024-12-31
                """, Map.of("service", "id", "stage", "LEVEL_2"));
        return this;
    }

    /**
     * Team A (commune team of Xã An, members M1–M4) and team B (village team of 10002.01, M5 and M6),
     * all from 2024-01-01. In 2024-Q2 A recorded 6 support activities of 2 people each (M1 three,
     * M2 three) and M4 helped a resident to LEVEL_1; B recorded one activity of 5 people (M5), and
     * another in July. M1, M2, M3 and M5 attended a training on 2024-03-01, M1
     * another on 2024-05-10.
     */
    TinyProvince withTeams() {
        TeamService teams = caunoi.teams();
        MemberService members = caunoi.members();
        TrainingService trainings = caunoi.trainings();
        LocalDate from = LocalDate.of(2024, 1, 1);
        teamA = teams.createTeam(Fixtures.SYSTEM, new TeamService.NewTeam("tiny-team-a", "10001", "Tổ CNSCĐ xã An", from)).value().id();
        teamB = teams.createTeam(Fixtures.SYSTEM, new TeamService.NewTeam("tiny-team-b", V3, "Tổ CNSCĐ tổ dân phố 1", from)).value().id();
        long[] a = new long[4];
        for (int i = 0; i < 4; i++) {
            a[i] = members.addMember(Fixtures.SYSTEM, new MemberService.NewMember("tiny-member-a" + i, teamA, "Thành viên A" + i,
                    Affiliation.WOMENS_UNION, null, i == 0 ? TeamRole.LEADER : TeamRole.MEMBER, from)).value().member().id();
        }
        long[] b = new long[2];
        for (int i = 0; i < 2; i++) {
            b[i] = members.addMember(Fixtures.SYSTEM, new MemberService.NewMember("tiny-member-b" + i, teamB, "Thành viên B" + i,
                    Affiliation.YOUTH_UNION, null, i == 0 ? TeamRole.LEADER : TeamRole.MEMBER, from)).value().member().id();
        }
        SupportActivityService activities = caunoi.supportActivities();
        for (int i = 0; i < 6; i++) {
            activities.recordSupportActivity(Fixtures.SYSTEM, new SupportActivityService.NewSupportActivity("tiny-support-a" + i, teamA,
                    a[i % 2], Activities.PlaceKind.VILLAGE, V1, null, Activities.Channel.DOOR_TO_DOOR, LocalDate.of(2024, 4, 10 + i),
                    "id", "LEVEL_2", 2, null, null));
        }
        activities.recordSupportActivity(Fixtures.SYSTEM, new SupportActivityService.NewSupportActivity("tiny-support-b0", teamB, b[0],
                Activities.PlaceKind.WORKPLACE, V3, "Xưởng may", Activities.Channel.WORKPLACE, LocalDate.of(2024, 5, 20), "id", "LEVEL_2",
                5, null, null));
        // Outside the quarter: not counted for 2024-Q2.
        activities.recordSupportActivity(Fixtures.SYSTEM, new SupportActivityService.NewSupportActivity("tiny-support-b1", teamB, b[1],
                Activities.PlaceKind.VILLAGE, V3, null, Activities.Channel.DOOR_TO_DOOR, LocalDate.of(2024, 7, 2), "id", "LEVEL_2",
                3, null, null));
        // M4 helped resident 8 to LEVEL_1 (not an adopter): an adoption recorded by the team, and M4 active.
        caunoi.adoption().recordAdoption(Fixtures.SYSTEM, new Adoption.NewAdoption("tiny-r8-by-team-a",
                vn.caunoi.core.Fixtures.citizenId(8, 1990, true), 1990, null, null, V2, "id", "LEVEL_1", null,
                LocalDate.of(2024, 6, 1), null, teamA, a[3], Map.of(), null, false));
        trainings.createTraining(Fixtures.SYSTEM, new TrainingService.NewTraining("tiny-training-1", "Tập huấn VNeID",
                Activities.OrganiserKind.PROVINCIAL_DEPARTMENT, "Sở KH&CN", Activities.TrainingMode.IN_PERSON,
                List.of(Activities.TrainingTopic.ESSENTIAL_PUBLIC_SERVICES), LocalDate.of(2024, 3, 1), "10",
                List.of(a[0], a[1], a[2], b[0])));
        trainings.createTraining(Fixtures.SYSTEM, new TrainingService.NewTraining("tiny-training-2", "Tập huấn thanh toán",
                Activities.OrganiserKind.TELECOM_ENTERPRISE, "VNPT", Activities.TrainingMode.ONLINE,
                List.of(Activities.TrainingTopic.PAYMENT_ACCOUNTS), LocalDate.of(2024, 5, 10), "10001", List.of(a[0])));
        return this;
    }

    ImportJob importFile(ImportJob.Kind kind, String csv, Map<String, String> parameters) {
        try {
            Path file = Files.createTempFile("tiny-", ".csv");
            try {
                Files.writeString(file, csv);
                return caunoi.imports().run(Fixtures.SYSTEM, new ImportJobs.Request(kind, file, kind.name().toLowerCase() + ".csv",
                        parameters), null);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
