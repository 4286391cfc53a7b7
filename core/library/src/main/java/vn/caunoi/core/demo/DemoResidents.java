package vn.caunoi.core.demo;

import vn.caunoi.core.CauNoi;
import vn.caunoi.core.access.Actor;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.imports.ImportJob;
import vn.caunoi.core.imports.ImportJobs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Demo residents and their adoption of VNeID, VssID and e-payment in 2024–2025, loaded through the
 * bulk import like an agency's list. The citizen IDs are made up: province code 034 or 033, the
 * century-and-sex digit, the birth year, and the resident's number in the demo as the last six
 * digits — so {@code 034074000001} is demo resident 1 (a man born in 1974), see {@link #citizenId}.
 */
public final class DemoResidents {

    static final int RESIDENTS = 8_000;
    static final LocalDate FIRST = LocalDate.of(2024, 6, 1);

    private DemoResidents() {
    }

    /** The made-up citizen ID of demo resident {@code n}, born in {@code year}. */
    public static String citizenId(int n, int year, boolean female) {
        return (n % 3 == 0 ? "033" : "034") + ((year - 1900) / 100 * 2 + (female ? 1 : 0)) + String.format("%02d", year % 100)
                + String.format("%06d", n);
    }

    /** Loads the demo residents (requires the demo hierarchy and the vneid, vssid and epayment services). */
    public static ImportJob load(CauNoi caunoi, Actor actor) {
        List<AdministrativeUnit> thaiBinh = DemoTeams.units(caunoi, actor, UnitLevel.VILLAGE, "34");
        List<AdministrativeUnit> hungYen = DemoTeams.units(caunoi, actor, UnitLevel.VILLAGE, "33");
        SplittableRandom random = new SplittableRandom(20250701L);
        try {
            Path file = Files.createTempFile("caunoi-demo-residents-", ".csv");
            try {
                try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    out.write("citizen_id,birth_year,sex,village_code,service,stage,occurred_on,source,attr.verificationPlace,attr.providerType\n");
                    for (int n = 1; n <= RESIDENTS; n++) {
                        int year = 1945 + random.nextInt(62);
                        boolean female = random.nextBoolean();
                        String id = citizenId(n, year, female);
                        List<AdministrativeUnit> villages = n % 3 == 0 ? hungYen : thaiBinh;
                        String village = villages.get(random.nextInt(villages.size())).code();
                        String row = id + "," + year + "," + (female ? "FEMALE" : "MALE") + "," + village + ",";
                        LocalDate day = FIRST.plusDays(random.nextInt(300));
                        int age = 2025 - year;
                        if (age >= 14 && random.nextInt(100) < 85) {
                            out.write(row + "vneid,LEVEL_1_ACTIVATED," + day + ",TEAM_SUPPORT,,\n");
                            if (random.nextInt(100) < 70) {
                                out.write(row + "vneid,LEVEL_2_ACTIVATED," + day.plusDays(7 + random.nextInt(120)) + ",AGENCY_LIST,COMMUNE_POLICE,\n");
                            }
                        }
                        if (random.nextInt(100) < 55) {
                            LocalDate installed = FIRST.plusDays(random.nextInt(400));
                            out.write(row + "vssid,INSTALLED," + installed + ",TEAM_SUPPORT,,\n");
                            if (random.nextInt(100) < 60) {
                                out.write(row + "vssid,ACCOUNT_ACTIVATED," + installed.plusDays(random.nextInt(30)) + ",SELF_REPORTED,,\n");
                            }
                        }
                        if (age >= 15 && random.nextInt(100) < 45) {
                            LocalDate opened = FIRST.plusDays(random.nextInt(400));
                            out.write(row + "epayment,ACCOUNT_OPENED," + opened + ",AGENCY_LIST,," + (random.nextBoolean() ? "BANK" : "E_WALLET") + "\n");
                        }
                    }
                }
                return caunoi.imports().run(actor, new ImportJobs.Request(ImportJob.Kind.ADOPTION, file, "demo-residents.csv",
                        Map.of("agency", "Dữ liệu minh họa (demo)")), null);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
