package vn.caunoi.demo;

import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.UnitAt;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

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

    /**
     * Loads the demo residents (requires the demo hierarchy and the vneid, vssid and epayment
     * services), then population figures and targets for the indicators.
     */
    public static ImportJob load(CauNoi caunoi, Actor actor) {
        List<AdministrativeUnit> thaiBinh = DemoTeams.units(caunoi, actor, UnitLevel.VILLAGE, "34");
        List<AdministrativeUnit> hungYen = DemoTeams.units(caunoi, actor, UnitLevel.VILLAGE, "33");
        SplittableRandom random = new SplittableRandom(20250701L);
        Map<String, int[]> adultsByVillage = new HashMap<>();
        ImportJob residents = residents(caunoi, actor, thaiBinh, hungYen, random, adultsByVillage);
        List<AdministrativeUnit> villages = new ArrayList<>(thaiBinh);
        villages.addAll(hungYen);
        population(caunoi, actor, villages, adultsByVillage);
        targets(caunoi, actor);
        return residents;
    }

    private static ImportJob residents(CauNoi caunoi, Actor actor, List<AdministrativeUnit> thaiBinh, List<AdministrativeUnit> hungYen,
                                       SplittableRandom random, Map<String, int[]> adultsByVillage) {
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
                        adultsByVillage.computeIfAbsent(village, v -> new int[2])[year > 1964 ? 0 : 1]++;
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

    /**
     * Made-up population figures per commune for 2024 (communes of 1 July 2024) and 2025 (the merged
     * communes of 1 July 2025), sized on the demo residents so that rates look like a real
     * province's: the adults the demo has, a fifth more who were not met, and children. Age bands
     * 0–13, 14–17, 18–59 and 60+ (VNeID counts from 14, e-payment from 15), households on the
     * whole-population row.
     */
    private static void population(CauNoi caunoi, Actor actor, List<AdministrativeUnit> villages, Map<String, int[]> adultsByVillage) {
        StringBuilder csv = new StringBuilder("unit_code,year,age_from,age_to,persons,households\n");
        for (int year : new int[]{2024, 2025}) {
            LocalDate midYear = LocalDate.of(year, 7, 1);
            Map<UnitAt, AdministrativeUnit> communes = caunoi.hierarchy().parents(actor,
                    villages.stream().map(v -> new UnitAt(v.id(), midYear)).toList());
            Map<String, int[]> byCommune = new TreeMap<>();
            for (AdministrativeUnit v : villages) {
                AdministrativeUnit commune = communes.get(new UnitAt(v.id(), midYear));
                int[] adults = adultsByVillage.getOrDefault(v.code(), new int[2]);
                int[] sum = byCommune.computeIfAbsent(commune.code(), c -> new int[2]);
                sum[0] += adults[0];
                sum[1] += adults[1];
            }
            double growth = year == 2024 ? 1.0 : 1.01;
            byCommune.forEach((code, adults) -> {
                int working = Math.max(1, (int) Math.round(adults[0] * 1.2 * growth));
                int old = Math.max(1, (int) Math.round(adults[1] * 1.2 * growth));
                int teens = Math.max(1, (working + old) * 7 / 100);
                int children = Math.max(1, (working + old) / 4);
                int all = children + teens + working + old;
                csv.append(code).append(',').append(year).append(",0,,").append(all).append(',').append(Math.max(1, all * 10 / 35)).append('\n')
                        .append(code).append(',').append(year).append(",0,13,").append(children).append(",\n")
                        .append(code).append(',').append(year).append(",14,17,").append(teens).append(",\n")
                        .append(code).append(',').append(year).append(",18,59,").append(working).append(",\n")
                        .append(code).append(',').append(year).append(",60,,").append(old).append(",\n");
            });
        }
        importText(caunoi, actor, ImportJob.Kind.POPULATION, "demo-population.csv", csv.toString(), Map.of());
    }

    /** Targets in the manner of a provincial resolution (made up for the demo). */
    private static void targets(CauNoi caunoi, Actor actor) {
        importText(caunoi, actor, ImportJob.Kind.TARGET, "demo-targets.csv", """
                unit_code,service,stage,due_on,target_percent,basis,as_of
                34,vneid,LEVEL_2_ACTIVATED,2024-12-31,60,Kế hoạch chuyển đổi số tỉnh Thái Bình năm 2024 (minh họa),2024-06-01
                33,vneid,LEVEL_2_ACTIVATED,2024-12-31,60,Kế hoạch chuyển đổi số tỉnh Hưng Yên năm 2024 (minh họa),2024-06-01
                33,vneid,LEVEL_2_ACTIVATED,2025-12-31,80,Nghị quyết về chuyển đổi số tỉnh Hưng Yên (minh họa),
                33,vneid,LEVEL_2_ACTIVATED,2026-12-31,90,Nghị quyết về chuyển đổi số tỉnh Hưng Yên (minh họa),
                33,vssid,ACCOUNT_ACTIVATED,2025-12-31,50,Nghị quyết về chuyển đổi số tỉnh Hưng Yên (minh họa),
                33,epayment,ACCOUNT_OPENED,2025-12-31,60,Nghị quyết về chuyển đổi số tỉnh Hưng Yên (minh họa),
                """, Map.of());
    }

    private static void importText(CauNoi caunoi, Actor actor, ImportJob.Kind kind, String name, String csv, Map<String, String> parameters) {
        try {
            Path file = Files.createTempFile("caunoi-demo-", ".csv");
            try {
                Files.writeString(file, csv, StandardCharsets.UTF_8);
                caunoi.imports().run(actor, new ImportJobs.Request(kind, file, name, parameters), null);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
