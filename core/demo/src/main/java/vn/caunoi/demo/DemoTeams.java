package vn.caunoi.demo;

import vn.caunoi.core.team.MemberService;
import vn.caunoi.core.activity.FeedbackService;
import vn.caunoi.core.activity.CampaignService;
import vn.caunoi.core.activity.TrainingService;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.activity.Activities;
import vn.caunoi.core.activity.Activities.Channel;
import vn.caunoi.core.activity.Activities.PlaceKind;
import vn.caunoi.core.digital.CatalogueEntry;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.UnitAt;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.hierarchy.UnitQuery;
import vn.caunoi.core.team.Affiliation;
import vn.caunoi.core.team.Membership;
import vn.caunoi.core.team.TeamRole;
import vn.caunoi.core.team.TeamService;
import vn.caunoi.core.team.MemberService.RosterMember;
import vn.caunoi.core.team.MemberService.RosterTeam;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Demo teams reproducing the seed article's figures for Thái Bình as of 2024-12-03: 1,797 teams
 * (260 commune teams and 1,537 village teams) covering every commune, about 12,000 members, about ten
 * per commune team and five or six per village team, mostly commune leaders and union
 * representatives; Hưng Yên gets teams the same way. Plus trainings, a "Digital Sunday" campaign, a
 * year of support activities and residents' feedback. Deterministic: a fixed seed.
 */
public final class DemoTeams {

    static final LocalDate ESTABLISHED = LocalDate.of(2024, 5, 1);
    static final LocalDate ACTIVITIES_FROM = LocalDate.of(2024, 5, 1);
    static final LocalDate ACTIVITIES_TO = LocalDate.of(2025, 4, 30);
    /** Thái Bình's village teams in the article; the demo villages are a few more, so some have none. */
    static final int THAI_BINH_VILLAGE_TEAMS = 1537;

    private static final String[] FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Đào", "Phan", "Đinh", "Tạ", "Lương"};
    private static final String[] MIDDLE_M = {"Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Công"};
    private static final String[] MIDDLE_F = {"Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng"};
    private static final String[] GIVEN_M = {"Hùng", "Dũng", "Tuấn", "Hải", "Long", "Nam", "Thắng", "Cường", "Bình", "Sơn", "Quân", "Tùng", "Khánh", "Phúc"};
    private static final String[] GIVEN_F = {"Lan", "Hương", "Mai", "Hạnh", "Thủy", "Hoa", "Nga", "Yến", "Trang", "Linh", "Huyền", "Thảo", "Nhung", "Phương"};

    private static final Affiliation[] COMMUNE_SEATS = {Affiliation.COMMUNE_LEADERSHIP, Affiliation.COMMUNE_LEADERSHIP,
            Affiliation.WOMENS_UNION, Affiliation.YOUTH_UNION, Affiliation.FARMERS_ASSOCIATION, Affiliation.VETERANS_ASSOCIATION,
            Affiliation.POLICE, Affiliation.POST_TELECOM, Affiliation.PARTY_CELL, Affiliation.TEACHER, Affiliation.HEALTH_WORKER,
            Affiliation.COMMUNE_LEADERSHIP};
    private static final Affiliation[] VILLAGE_SEATS = {Affiliation.PARTY_CELL, Affiliation.OTHER, Affiliation.WOMENS_UNION,
            Affiliation.YOUTH_UNION, Affiliation.FARMERS_ASSOCIATION, Affiliation.VETERANS_ASSOCIATION, Affiliation.VOLUNTEER};

    private DemoTeams() {
    }

    /** Loads the demo teams and their work; the hierarchy and the digital services must be there already. */
    public static void load(CauNoi caunoi, Actor actor) {
        SplittableRandom random = new SplittableRandom(20241203L);
        List<RosterTeam> roster = new ArrayList<>();
        for (String province : List.of("34", "33")) {
            roster.addAll(roster(caunoi, actor, province, random));
        }
        caunoi.members().importRoster(actor, roster);
        Activities.Campaign sunday = campaign(caunoi, actor);
        trainings(caunoi, actor, random);
        activities(caunoi, actor, sunday, random);
        feedback(caunoi, actor, random);
    }

    private static List<RosterTeam> roster(CauNoi caunoi, Actor actor, String province, SplittableRandom random) {
        List<AdministrativeUnit> communes = units(caunoi, actor, UnitLevel.COMMUNE, province);
        List<AdministrativeUnit> villages = new ArrayList<>(units(caunoi, actor, UnitLevel.VILLAGE, province));
        Map<UnitAt, AdministrativeUnit> parents = caunoi.hierarchy().parents(actor,
                villages.stream().map(v -> new UnitAt(v.id(), ESTABLISHED)).toList());
        // Which villages have no team yet: Thái Bình's count is the article's; elsewhere about 1.5 %.
        int withTeam = province.equals("34") ? Math.min(THAI_BINH_VILLAGE_TEAMS, villages.size()) : villages.size() * 985 / 1000;
        villages.sort(Comparator.comparing(v -> Integer.toHexString((v.code().hashCode() * 0x9E3779B9) ^ 0x5bd1e995)));
        List<AdministrativeUnit> covered = villages.subList(0, withTeam);

        List<RosterTeam> teams = new ArrayList<>();
        Map<Long, RosterMember> communePolice = new java.util.HashMap<>();
        for (AdministrativeUnit c : communes) {
            int size = 9 + random.nextInt(4);
            List<RosterMember> members = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                Affiliation a = COMMUNE_SEATS[i % COMMUNE_SEATS.length];
                RosterMember m = member(random, "c" + c.id() + "-" + i, a, i == 0 ? TeamRole.LEADER : i <= 2 ? TeamRole.DEPUTY : TeamRole.MEMBER);
                members.add(m);
                if (a == Affiliation.POLICE) {
                    communePolice.put(c.id(), m);
                }
            }
            teams.add(new RosterTeam(c.id(), UnitLevel.COMMUNE, "Tổ công nghệ số cộng đồng " + c.fullName(), ESTABLISHED, members));
        }
        for (AdministrativeUnit v : covered) {
            int roll = random.nextInt(10);
            int size = roll < 3 ? 5 : roll < 9 ? 6 : 7;
            List<RosterMember> members = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                members.add(member(random, "v" + v.id() + "-" + i, VILLAGE_SEATS[i % VILLAGE_SEATS.length],
                        i == 0 ? TeamRole.LEADER : i == 1 ? TeamRole.DEPUTY : TeamRole.MEMBER));
            }
            // The commune police officer also sits in one village team in eight: one person, two teams.
            AdministrativeUnit commune = parents.get(new UnitAt(v.id(), ESTABLISHED));
            if (commune != null && v.code().endsWith(".01") && communePolice.containsKey(commune.id()) && random.nextInt(8) < 7) {
                members.add(new RosterMember(communePolice.get(commune.id()).personKey(), communePolice.get(commune.id()).fullName(),
                        Affiliation.POLICE, communePolice.get(commune.id()).phone(), TeamRole.MEMBER));
            }
            teams.add(new RosterTeam(v.id(), UnitLevel.VILLAGE, "Tổ công nghệ số cộng đồng " + v.fullName(), ESTABLISHED, members));
        }
        return teams;
    }

    private static RosterMember member(SplittableRandom random, String key, Affiliation affiliation, TeamRole role) {
        boolean woman = affiliation == Affiliation.WOMENS_UNION || random.nextInt(10) < 4;
        String name = FAMILY[random.nextInt(FAMILY.length)] + " "
                + (woman ? MIDDLE_F[random.nextInt(MIDDLE_F.length)] : MIDDLE_M[random.nextInt(MIDDLE_M.length)]) + " "
                + (woman ? GIVEN_F[random.nextInt(GIVEN_F.length)] : GIVEN_M[random.nextInt(GIVEN_M.length)]);
        String phone = "09" + String.format("%08d", random.nextInt(100_000_000));
        return new RosterMember(key, name, affiliation, phone, role);
    }

    static List<AdministrativeUnit> units(CauNoi caunoi, Actor actor, UnitLevel level, String under) {
        List<AdministrativeUnit> all = new ArrayList<>();
        for (int offset = 0; ; offset += PageRequest.MAX_LIMIT) {
            var page = caunoi.hierarchy().units(actor, new UnitQuery(level, under, null, ESTABLISHED, new PageRequest(offset, PageRequest.MAX_LIMIT)));
            all.addAll(page.items());
            if (!page.hasNext()) {
                return all;
            }
        }
    }

    private static Activities.Campaign campaign(CauNoi caunoi, Actor actor) {
        return caunoi.campaigns().createCampaign(actor, new CampaignService.NewCampaign("demo-campaign-digital-sunday-2024",
                "Ngày chủ nhật số 2024", LocalDate.of(2024, 6, 2), LocalDate.of(2024, 12, 29), List.of("34", "33"))).value();
    }

    private static void trainings(CauNoi caunoi, Actor actor, SplittableRandom random) {
        List<Long> leaders = new ArrayList<>();
        for (String province : List.of("34", "33")) {
            var teams = caunoi.teams().teamIdsUnder(actor, province, ESTABLISHED);
            caunoi.members().membershipsOfTeams(actor, teams, ESTABLISHED).values().forEach(ms -> ms.stream()
                    .filter(m -> m.role() != TeamRole.MEMBER).map(Membership::memberId).forEach(leaders::add));
        }
        String[][] courses = {
                {"Tập huấn kỹ năng số cho tổ công nghệ số cộng đồng", "PROVINCIAL_DEPARTMENT", "Sở Thông tin và Truyền thông", "IN_PERSON", "DIGITAL_SKILLS,ONLINE_PUBLIC_SERVICES"},
                {"Hướng dẫn kích hoạt tài khoản định danh điện tử mức 2", "PROVINCIAL_DEPARTMENT", "Công an tỉnh và Sở Thông tin và Truyền thông", "IN_PERSON", "ESSENTIAL_PUBLIC_SERVICES,INFORMATION_SECURITY"},
                {"Thanh toán không dùng tiền mặt và an toàn thông tin", "TELECOM_ENTERPRISE", "VNPT", "ONLINE", "PAYMENT_ACCOUNTS,INFORMATION_SECURITY"},
                {"Đưa nông sản lên sàn thương mại điện tử", "POSTAL_ENTERPRISE", "Bưu điện tỉnh", "IN_PERSON", "ECOMMERCE,ONLINE_SHOPPING"},
                {"Mua sắm trực tuyến an toàn", "TELECOM_ENTERPRISE", "Viettel", "ONLINE", "ONLINE_SHOPPING,INFORMATION_SECURITY"}};
        for (int i = 0; i < 10; i++) {
            String[] c = courses[i % courses.length];
            String province = i % 2 == 0 ? "34" : "33";
            List<Long> attendees = new ArrayList<>();
            for (Long id : leaders) {
                if (random.nextInt(4) == 0) {
                    attendees.add(id);
                }
            }
            caunoi.trainings().createTraining(actor, new TrainingService.NewTraining("demo-training-" + i, c[0],
                    Activities.OrganiserKind.valueOf(c[1]), c[2], Activities.TrainingMode.valueOf(c[3]),
                    java.util.Arrays.stream(c[4].split(",")).map(Activities.TrainingTopic::valueOf).toList(),
                    LocalDate.of(2024, 6, 8).plusWeeks(i * 4L), province, attendees.subList(0, Math.min(attendees.size(), 1500))));
        }
    }

    private static void activities(CauNoi caunoi, Actor actor, Activities.Campaign sunday, SplittableRandom random) {
        List<CatalogueEntry> services = caunoi.digitalServices().catalogue(actor).stream().filter(CatalogueEntry::available).toList();
        if (services.isEmpty()) {
            return;
        }
        List<Long> teamIds = new ArrayList<>();
        for (String province : List.of("34", "33")) {
            teamIds.addAll(caunoi.teams().teamIdsUnder(actor, province, ESTABLISHED));
        }
        var teams = caunoi.teams().teamsByIds(actor, teamIds, ESTABLISHED);
        var memberships = caunoi.members().membershipsOfTeams(actor, teamIds, ESTABLISHED);
        // An activity is recorded against the unit its team works in on that day: the map changed on
        // 2024-11-01 and 2025-01-01 within the year.
        List<LocalDate> maps = List.of(ESTABLISHED, LocalDate.of(2024, 11, 1), LocalDate.of(2025, 1, 1));
        List<TeamService.TeamAt> keys = new ArrayList<>();
        teamIds.forEach(id -> maps.forEach(d -> keys.add(new TeamService.TeamAt(id, d))));
        var areas = caunoi.teams().areas(actor, keys);
        List<Activities.SupportActivity> all = new ArrayList<>();
        String[] factories = {"Công ty may Sông Hồng", "Khu công nghiệp Tiền Hải", "Nhà máy giày Thái Bình", "Khu công nghiệp Phố Nối A"};
        for (Long id : teamIds) {
            var team = teams.get(id);
            boolean commune = team.level() == UnitLevel.COMMUNE;
            int count = commune ? 24 + random.nextInt(13) : 8 + random.nextInt(9);
            List<Membership> ms = memberships.get(id);
            for (int i = 0; i < count; i++) {
                LocalDate day = ACTIVITIES_FROM.plusDays(random.nextInt((int) (ACTIVITIES_TO.toEpochDay() - ACTIVITIES_FROM.toEpochDay() + 1)));
                CatalogueEntry service = services.get(random.nextInt(services.size()));
                var stages = service.descriptor().stages();
                String stage = stages.get(Math.min(stages.size() - 1, random.nextInt(stages.size() + 1))).code();
                int kind = random.nextInt(10);
                boolean onSunday = day.getDayOfWeek() == DayOfWeek.SUNDAY && !day.isBefore(sunday.startsOn()) && !day.isAfter(sunday.endsOn());
                PlaceKind place;
                Channel channel;
                int people;
                String placeName = null;
                if (onSunday || kind == 9) {
                    place = commune ? PlaceKind.COMMUNE_HALL : PlaceKind.PUBLIC_PLACE;
                    channel = Channel.EVENT;
                    people = 15 + random.nextInt(120);
                } else if (commune && kind >= 7) {
                    place = PlaceKind.WORKPLACE;
                    channel = Channel.WORKPLACE;
                    people = 10 + random.nextInt(50);
                    placeName = factories[random.nextInt(factories.length)];
                } else if (kind == 6) {
                    place = PlaceKind.ONLINE;
                    channel = Channel.ONLINE;
                    people = 1 + random.nextInt(3);
                } else {
                    place = PlaceKind.VILLAGE;
                    channel = Channel.DOOR_TO_DOOR;
                    people = 1 + random.nextInt(6);
                }
                Long member = ms.isEmpty() || random.nextInt(5) == 0 ? null : ms.get(random.nextInt(ms.size())).memberId();
                LocalDate map = maps.stream().filter(d -> !d.isAfter(day)).reduce((a, b) -> b).orElseThrow();
                AdministrativeUnit area = areas.get(new TeamService.TeamAt(id, map));
                all.add(new Activities.SupportActivity(0, id, member, area.id(), place, placeName, channel, day,
                        service.code(), stage, people, onSunday ? sunday.id() : null, null));
            }
        }
        caunoi.supportActivities().importSupportActivities(actor, all);
    }

    private static void feedback(CauNoi caunoi, Actor actor, SplittableRandom random) {
        String[][] texts = {
                {"CONNECTIVITY", "Sóng 4G yếu ở cuối thôn, khó cài đặt ứng dụng."},
                {"ONLINE_PUBLIC_SERVICES", "Người cao tuổi cần hướng dẫn nộp hồ sơ trực tuyến tại nhà văn hóa."},
                {"SECURITY_FRAUD", "Có cuộc gọi giả danh công an yêu cầu cài ứng dụng lạ."},
                {"DEVICES", "Nhiều hộ chưa có điện thoại thông minh."},
                {"PAYMENTS", "Chợ xã chưa có mã QR thanh toán."},
                {"DIGITAL_SERVICES", "Đề nghị hỗ trợ tích hợp giấy phép lái xe vào VNeID."}};
        List<AdministrativeUnit> communes = units(caunoi, actor, UnitLevel.COMMUNE, "34");
        for (int i = 0; i < 60; i++) {
            String[] t = texts[i % texts.length];
            AdministrativeUnit c = communes.get(random.nextInt(communes.size()));
            LocalDate received = LocalDate.of(2024, 6, 1).plusDays(random.nextInt(150));
            var f = caunoi.feedback().recordFeedback(actor, new FeedbackService.NewFeedback("demo-feedback-" + i, null, c.code(),
                    Activities.FeedbackTopic.valueOf(t[0]), t[1], received)).value();
            int outcome = random.nextInt(3);
            if (outcome > 0) {
                caunoi.feedback().changeFeedbackStatus(actor, f.id(), Activities.FeedbackStatus.FORWARDED, received.plusDays(2));
            }
            if (outcome > 1) {
                caunoi.feedback().changeFeedbackStatus(actor, f.id(), Activities.FeedbackStatus.ANSWERED, received.plusDays(9));
            }
        }
    }
}
