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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Demo residents and their uptake of every first-party service from June 2024 to the end of 2026,
 * loaded through the bulk import like an agency's list and marked as generated (the job's agency is
 * "Dữ liệu minh họa (demo)"). Each service has its own funnel and its own pace: VNeID early (the
 * 2024 campaigns), the VssID app and e-payment steadily, online public services and e-commerce
 * later; a later stage follows its earlier one by days to months. Events after today are left out,
 * so the figures for a given day are the same on every machine.
 * The citizen IDs are made up: province code 034 or 033, the century-and-sex digit, the birth year,
 * and the resident's number in the demo as the last six digits — so {@code 034074000001} is demo
 * resident 1 (a man born in 1974), see {@link #citizenId}.
 */
public final class DemoResidents {

    /** Enough that the common services' cells of today's communes are mostly above the public minimum. */
    static final int RESIDENTS = 12_000;
    static final LocalDate FIRST = LocalDate.of(2024, 6, 1);
    static final LocalDate LAST = LocalDate.of(2026, 12, 31);
    /** The attributes the demo fills, one column each. */
    static final List<String> ATTRIBUTES = List.of("verificationPlace", "document", "providerType", "purpose", "portal", "procedureCode", "platform");
    private static final String[] DOCUMENTS = {"HEALTH_INSURANCE_CARD", "DRIVING_LICENCE", "TAX_CODE"};
    private static final String[] PURPOSES = {"PUBLIC_SERVICE_FEE", "UTILITY_BILL", "TUITION", "HEALTH", "SHOPPING", "TRANSFER"};
    /** Common procedures (birth registration, residence, criminal record extract, land, social allowance): made up for the demo. */
    private static final String[] PROCEDURES = {"1.001193", "1.004194", "2.000488", "1.000656", "2.001157"};
    private static final String[] PLATFORMS = {"POSTMART", "VOSO", "SHOPEE", "TIKTOK_SHOP"};

    private DemoResidents() {
    }

    /** The made-up citizen ID of demo resident {@code n}, born in {@code year}. */
    public static String citizenId(int n, int year, boolean female) {
        return (n % 3 == 0 ? "033" : "034") + ((year - 1900) / 100 * 2 + (female ? 1 : 0)) + String.format("%02d", year % 100)
                + String.format("%06d", n);
    }

    /**
     * Loads the demo residents with the records of the services that are loaded (the first-party
     * plugins), then population figures and targets for the indicators.
     */
    public static ImportJob load(CauNoi caunoi, Actor actor) {
        List<AdministrativeUnit> thaiBinh = DemoTeams.units(caunoi, actor, UnitLevel.VILLAGE, "34");
        List<AdministrativeUnit> hungYen = DemoTeams.units(caunoi, actor, UnitLevel.VILLAGE, "33");
        Map<String, int[]> adultsByVillage = new HashMap<>();
        Set<String> services = new HashSet<>();
        for (String code : List.of("vneid", "vssid", "epayment", "public-services", "ecommerce")) {
            caunoi.digitalServices().loaded(code).ifPresent(s -> services.add(code));
        }
        ImportJob residents = residents(caunoi, actor, thaiBinh, hungYen, services, adultsByVillage);
        List<AdministrativeUnit> villages = new ArrayList<>(thaiBinh);
        villages.addAll(hungYen);
        population(caunoi, actor, villages, adultsByVillage);
        targets(caunoi, actor, services);
        return residents;
    }

    private static ImportJob residents(CauNoi caunoi, Actor actor, List<AdministrativeUnit> thaiBinh, List<AdministrativeUnit> hungYen,
                                       Set<String> services, Map<String, int[]> adultsByVillage) {
        SplittableRandom random = new SplittableRandom(20250701L);
        try {
            Path file = Files.createTempFile("caunoi-demo-residents-", ".csv");
            try {
                try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    out.write("citizen_id,birth_year,sex,village_code,service,stage,occurred_on,source,"
                            + String.join(",", ATTRIBUTES.stream().map(a -> "attr." + a).toList()) + "\n");
                    Funnels funnels = new Funnels(out, random, services, caunoi.today());
                    for (int n = 1; n <= RESIDENTS; n++) {
                        int year = 1945 + random.nextInt(62);
                        boolean female = random.nextBoolean();
                        List<AdministrativeUnit> villages = n % 3 == 0 ? hungYen : thaiBinh;
                        String village = villages.get(random.nextInt(villages.size())).code();
                        adultsByVillage.computeIfAbsent(village, v -> new int[2])[year > 1964 ? 0 : 1]++;
                        funnels.resident(citizenId(n, year, female) + "," + year + "," + (female ? "FEMALE" : "MALE") + "," + village + ",",
                                2025 - year);
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
     * One resident's records, service by service: each stage reached by a share of those who reached
     * the one before, some days to months later. Dates are drawn over the whole demo period with a
     * skew per service ({@code pace} above 1: early; below 1: late) and kept only up to today.
     */
    private static final class Funnels {
        private final BufferedWriter out;
        private final SplittableRandom random;
        private final Set<String> services;
        private final LocalDate today;

        Funnels(BufferedWriter out, SplittableRandom random, Set<String> services, LocalDate today) {
            this.out = out;
            this.random = random;
            this.services = services;
            this.today = today;
        }

        void resident(String person, int age) throws IOException {
            LocalDate level2 = null;
            if (services.contains("vneid") && random.nextInt(100) < 88) {
                LocalDate level1 = write(person, "vneid", "LEVEL_1_ACTIVATED", day(1.6), "TEAM_SUPPORT", Map.of());
                level2 = random.nextInt(100) < 78
                        ? write(person, "vneid", "LEVEL_2_ACTIVATED", after(level1, 7, 150), "AGENCY_LIST",
                        Map.of("verificationPlace", random.nextInt(100) < 85 ? "COMMUNE_POLICE" : "MOBILE_TEAM"))
                        : null;
                if (level2 != null && random.nextInt(100) < 45) {
                    write(person, "vneid", "DOCUMENTS_INTEGRATED", after(level2, 1, 200), "SELF_REPORTED",
                            Map.of("document", DOCUMENTS[random.nextInt(DOCUMENTS.length)]));
                }
            }
            if (services.contains("vssid") && random.nextInt(100) < 62) {
                LocalDate installed = write(person, "vssid", "INSTALLED", day(1.2), "TEAM_SUPPORT", Map.of());
                LocalDate activated = random.nextInt(100) < 75 ? write(person, "vssid", "ACCOUNT_ACTIVATED", after(installed, 0, 30), "SELF_REPORTED", Map.of()) : null;
                if (activated != null && random.nextInt(100) < 40) {
                    write(person, "vssid", "HEALTH_CARD_USED", after(activated, 5, 300), "SELF_REPORTED", Map.of());
                }
            }
            if (services.contains("epayment") && random.nextInt(100) < (age < 60 ? 70 : 35)) {
                LocalDate opened = write(person, "epayment", "ACCOUNT_OPENED", day(0.9), "AGENCY_LIST",
                        Map.of("providerType", random.nextInt(100) < 70 ? "BANK" : "E_WALLET"));
                if (random.nextInt(100) < 80) {
                    write(person, "epayment", "FIRST_PAYMENT", after(opened, 0, 60), "SELF_REPORTED",
                            Map.of("purpose", PURPOSES[random.nextInt(PURPOSES.length)]));
                }
            }
            // Online public services need a level-2 VNeID account to sign in.
            if (services.contains("public-services") && level2 != null && random.nextInt(100) < 60) {
                String portal = random.nextInt(100) < 70 ? "NATIONAL" : "PROVINCIAL";
                LocalDate linked = write(person, "public-services", "ACCOUNT_LINKED", later(level2, day(0.8)), "TEAM_SUPPORT", Map.of("portal", portal));
                if (random.nextInt(100) < 65) {
                    write(person, "public-services", "FIRST_APPLICATION_SUBMITTED", after(linked, 0, 120), "AGENCY_LIST",
                            Map.of("portal", portal, "procedureCode", PROCEDURES[random.nextInt(PROCEDURES.length)]));
                }
            }
            // A few producers of working age put their household's products online.
            if (services.contains("ecommerce") && age < 65 && random.nextInt(100) < 7) {
                LocalDate registered = write(person, "ecommerce", "SELLER_REGISTERED", day(0.6), "TEAM_SUPPORT",
                        Map.of("platform", PLATFORMS[random.nextInt(PLATFORMS.length)]));
                LocalDate listed = random.nextInt(100) < 75 ? write(person, "ecommerce", "FIRST_PRODUCT_LISTED", after(registered, 1, 45), "TEAM_SUPPORT", Map.of()) : null;
                if (listed != null && random.nextInt(100) < 55) {
                    write(person, "ecommerce", "FIRST_ORDER", after(listed, 3, 120), "SELF_REPORTED", Map.of());
                }
            }
        }

        /** Writes a row reached on {@code on} and returns the date, or null (writing nothing) when there is no date or it is after today. */
        private LocalDate write(String person, String service, String stage, LocalDate on, String source,
                                Map<String, String> attributes) throws IOException {
            if (on == null || on.isAfter(today)) {
                return null;
            }
            out.write(person + service + "," + stage + "," + on + "," + source);
            for (String attribute : ATTRIBUTES) {
                out.write("," + attributes.getOrDefault(attribute, ""));
            }
            out.write("\n");
            return on;
        }

        /** A day of the demo period, skewed: {@code pace} above 1 favours the start, below 1 the end. */
        private LocalDate day(double pace) {
            long span = LAST.toEpochDay() - FIRST.toEpochDay();
            return FIRST.plusDays((long) (Math.pow(random.nextDouble(), pace) * span));
        }

        /** Between {@code min} and {@code max} days after {@code from}; null when {@code from} is. */
        private LocalDate after(LocalDate from, int min, int max) {
            return from == null ? null : from.plusDays(min + random.nextInt(max - min + 1));
        }

        /** The later of two days; null when the first is. */
        private static LocalDate later(LocalDate first, LocalDate second) {
            return first == null ? null : first.isAfter(second) ? first : second;
        }
    }

    /**
     * Made-up population figures per commune for 2024 (communes of 1 July 2024), 2025 and 2026 (the
     * merged communes of 1 July 2025), sized on the demo residents so that rates look like a real
     * province's: the adults the demo has, a fifth more who were not met, and children. Age bands
     * 0–13, 14–17, 18–59 and 60+ (VNeID and online public services count from 14, VssID and e-payment
     * from 15), households on the whole-population row (e-commerce counts households).
     */
    private static void population(CauNoi caunoi, Actor actor, List<AdministrativeUnit> villages, Map<String, int[]> adultsByVillage) {
        StringBuilder csv = new StringBuilder("unit_code,year,age_from,age_to,persons,households\n");
        for (int year : new int[]{2024, 2025, 2026}) {
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
            double growth = 1.0 + (year - 2024) / 100.0;
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

    /** Targets in the manner of a provincial resolution (made up for the demo), for the services loaded. */
    private static void targets(CauNoi caunoi, Actor actor, Set<String> services) {
        String all = """
                unit_code,service,stage,due_on,target_percent,basis,as_of
                34,vneid,LEVEL_2_ACTIVATED,2024-12-31,60,Kế hoạch chuyển đổi số tỉnh Thái Bình năm 2024 (minh họa),2024-06-01
                33,vneid,LEVEL_2_ACTIVATED,2024-12-31,60,Kế hoạch chuyển đổi số tỉnh Hưng Yên năm 2024 (minh họa),2024-06-01
                33,vneid,LEVEL_2_ACTIVATED,2025-12-31,80,Nghị quyết về chuyển đổi số tỉnh Hưng Yên (minh họa),
                33,vneid,LEVEL_2_ACTIVATED,2026-12-31,90,Nghị quyết về chuyển đổi số tỉnh Hưng Yên (minh họa),
                33,vssid,ACCOUNT_ACTIVATED,2025-12-31,50,Nghị quyết về chuyển đổi số tỉnh Hưng Yên (minh họa),
                33,epayment,FIRST_PAYMENT,2025-12-31,50,Nghị quyết về chuyển đổi số tỉnh Hưng Yên (minh họa),
                33,epayment,FIRST_PAYMENT,2026-12-31,65,Nghị quyết về chuyển đổi số tỉnh Hưng Yên (minh họa),
                33,public-services,FIRST_APPLICATION_SUBMITTED,2026-12-31,40,Nghị quyết về chuyển đổi số tỉnh Hưng Yên (minh họa),
                33,ecommerce,FIRST_PRODUCT_LISTED,2026-12-31,10,Nghị quyết về chuyển đổi số tỉnh Hưng Yên (minh họa),
                """;
        String csv = all.lines().filter(line -> line.startsWith("unit_code") || services.contains(line.split(",")[1]))
                .map(line -> line + "\n").reduce("", String::concat);
        importText(caunoi, actor, ImportJob.Kind.TARGET, "demo-targets.csv", csv, Map.of());
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
