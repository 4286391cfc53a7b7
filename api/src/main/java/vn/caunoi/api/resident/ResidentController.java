package vn.caunoi.api.resident;

import vn.caunoi.core.indicator.Indicators;
import vn.caunoi.core.adoption.Adoption;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import vn.caunoi.api.digital.ServiceView;
import vn.caunoi.api.digital.ServiceViews;
import vn.caunoi.api.graphql.AttributeInput;
import vn.caunoi.api.graphql.Connection;
import vn.caunoi.api.graphql.GlobalId;
import vn.caunoi.api.graphql.GraphQlConfiguration.Today;
import vn.caunoi.api.graphql.UserError;
import vn.caunoi.api.hierarchy.UnitView;
import vn.caunoi.api.resident.ResidentViews.AdoptionEventView;
import vn.caunoi.api.resident.ResidentViews.ImportJobView;
import vn.caunoi.api.resident.ResidentViews.PersonDataAccessView;
import vn.caunoi.api.resident.ResidentViews.ResidenceView;
import vn.caunoi.api.resident.ResidentViews.ResidentView;
import vn.caunoi.api.resident.ResidentViews.ServiceStatusView;
import vn.caunoi.api.team.TeamViews.MemberView;
import vn.caunoi.api.team.TeamViews.TeamView;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Created;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.HierarchyService;
import vn.caunoi.core.imports.ImportJobs;
import vn.caunoi.core.imports.Rejection;
import vn.caunoi.core.resident.CitizenId;
import vn.caunoi.core.resident.Residents;
import vn.caunoi.core.team.Member;
import vn.caunoi.core.team.Team;
import vn.caunoi.core.team.TeamService;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** GraphQL over residents, adoption, import jobs, population and the audit log. Associations are batched. */
@Controller
public class ResidentController {

    public record SupportedByInput(String team, String member) {
    }

    public record RecordAdoptionInput(String idempotencyKey, String citizenId, Integer birthYear, CitizenId.Sex sex, String household,
                                      String village, String service, String stage, Adoption.EventKind kind, LocalDate occurredOn,
                                      Adoption.Source source, SupportedByInput supportedBy, List<AttributeInput> attributes,
                                      Instant clientRecordedAt, Boolean objectsToRecording) {
    }

    public record RecordAdoptionPayload(String maskedCitizenId, ServiceStatusView status, AdoptionEventView event, boolean anonymous,
                                        boolean replayed, List<UserError> userErrors) {
    }

    public record RecordObjectionInput(String citizenId, LocalDate objectedOn) {
    }

    public record RecordObjectionPayload(boolean erased, List<UserError> userErrors) {
    }

    public record CountCheckView(boolean exact, long rowsCompared, List<CountDifferenceView> differences, long monthRowsCompared,
                                 List<MonthDifferenceView> monthDifferences) {
    }

    public record MonthDifferenceView(Adoption.MonthDifference difference) implements vn.caunoi.api.graphql.DomainView {
        @Override
        public Object domain() {
            return difference;
        }
    }

    public record CountDifferenceView(Adoption.CountDifference difference) implements vn.caunoi.api.graphql.DomainView {
        @Override
        public Object domain() {
            return difference;
        }
    }

    private final CauNoi caunoi;
    private final ImportJobs imports;
    private final HierarchyService hierarchy;
    private final TeamService teams;
    private final ServiceViews services;
    private final Today today;

    public ResidentController(CauNoi caunoi, ServiceViews services, Today today) {
        this.caunoi = caunoi;
        this.imports = caunoi.imports();
        this.hierarchy = caunoi.hierarchy();
        this.teams = caunoi.teams();
        this.services = services;
        this.today = today;
    }

    /** The signed-in user of this request, or the public: core applies her role and scope. */
    private static Actor actor() {
        return vn.caunoi.api.security.Actors.current();
    }

    // --- queries --------------------------------------------------------------------------------

    @QueryMapping
    public ResidentView resident(@Argument String citizenId) {
        return caunoi.residents().resident(actor(), citizenId).map(ResidentView::new).orElse(null);
    }

    @QueryMapping
    public ImportJobView importJob(@Argument String id) {
        return imports.job(actor(), GlobalId.idOf(id, "ImportJob", "id")).map(ImportJobView::new).orElse(null);
    }

    @SchemaMapping(typeName = "ImportJob")
    public List<Rejection> rejections(ImportJobView job, @Argument Integer first) {
        return imports.rejections(actor(), job.job().id(), PageRequest.of(first == null ? 20 : first, 0)).items();
    }

    @QueryMapping
    public List<Indicators.PopulationFigure> population(@Argument String code, @Argument Integer year, @Argument LocalDate asOf) {
        return caunoi.population().figures(actor(), code, year, today.orToday(asOf));
    }

    @QueryMapping
    public CountCheckView adoptionCountCheck() {
        Adoption.CountCheck check = caunoi.counts().checkCounts(actor());
        return new CountCheckView(check.exact(), check.rowsCompared(), check.differences().stream().map(CountDifferenceView::new).toList(),
                check.monthRowsCompared(), check.monthDifferences().stream().map(MonthDifferenceView::new).toList());
    }

    @QueryMapping
    public Connection<PersonDataAccessView> personDataAccessLog(@Argument String resident, @Argument Integer first, @Argument String after) {
        return Connection.of(caunoi.auditLog().accessLog(actor(), GlobalId.optionalIdOf(resident, "Resident", "resident"),
                Connection.request(first, after)), PersonDataAccessView::new);
    }

    // --- mutations ------------------------------------------------------------------------------

    @MutationMapping
    public RecordAdoptionPayload recordAdoption(@Argument RecordAdoptionInput input) {
        return UserError.payload(() -> {
            SupportedByInput by = input.supportedBy();
            // Core checks how many and what names; here only that none is given twice.
            Map<String, String> attributes = AttributeInput.toMap(input.attributes(), "attributes", Integer.MAX_VALUE);
            Created<Adoption.Recorded> created = caunoi.adoption().recordAdoption(actor(), new Adoption.NewAdoption(input.idempotencyKey(),
                    input.citizenId(), input.birthYear(), input.sex(), input.household(), input.village(), input.service(), input.stage(),
                    input.kind(), input.occurredOn(), input.source(),
                    by == null ? null : GlobalId.optionalIdOf(by.team(), "Team", "supportedBy.team"),
                    by == null ? null : GlobalId.optionalIdOf(by.member(), "Member", "supportedBy.member"),
                    attributes, input.clientRecordedAt(), Boolean.TRUE.equals(input.objectsToRecording())));
            Adoption.Recorded r = created.value();
            return new RecordAdoptionPayload(r.maskedCitizenId(), r.status() == null ? null : new ServiceStatusView(r.status()),
                    r.event() == null ? null : new AdoptionEventView(r.event()), r.anonymous(), created.replayed(), List.of());
        }, errors -> new RecordAdoptionPayload(null, null, null, false, false, errors));
    }

    @MutationMapping
    public RecordObjectionPayload recordObjection(@Argument RecordObjectionInput input) {
        return UserError.payload(() -> new RecordObjectionPayload(caunoi.objections().recordObjection(actor(), input.citizenId(), input.objectedOn()), List.of()),
                errors -> new RecordObjectionPayload(false, errors));
    }

    // --- associations, batched ------------------------------------------------------------------

    @BatchMapping(typeName = "Resident")
    public Map<ResidentView, UnitView> village(List<ResidentView> views) {
        return units(views, v -> v.record().resident().villageId(), v -> today.date());
    }

    @BatchMapping(typeName = "ServiceStatus", field = "village")
    public Map<ServiceStatusView, UnitView> statusVillage(List<ServiceStatusView> views) {
        return units(views, v -> v.status().villageId(), v -> v.status().since());
    }

    @BatchMapping(typeName = "ServiceStatus", field = "service")
    public Map<ServiceStatusView, ServiceView> statusService(List<ServiceStatusView> views) {
        Map<String, ServiceView> byCode = services.byCode(actor());
        return views.stream().distinct().collect(Collectors.toMap(v -> v, v -> byCode.get(v.status().service())));
    }

    @BatchMapping(typeName = "Residence", field = "village")
    public Map<ResidenceView, UnitView> residenceVillage(List<ResidenceView> views) {
        return units(views, v -> v.residence().villageId(), v -> v.residence().from() == null ? today.date() : v.residence().from());
    }

    @BatchMapping(typeName = "AdoptionEvent", field = "village")
    public Map<AdoptionEventView, UnitView> eventVillage(List<AdoptionEventView> views) {
        return units(views, v -> v.event().villageId(), v -> v.event().occurredOn());
    }

    @BatchMapping(typeName = "AdoptionEvent", field = "service")
    public Map<AdoptionEventView, ServiceView> eventService(List<AdoptionEventView> views) {
        Map<String, ServiceView> byCode = services.byCode(actor());
        return views.stream().distinct().collect(Collectors.toMap(v -> v, v -> byCode.get(v.event().service())));
    }

    @BatchMapping(typeName = "AdoptionEvent", field = "team")
    public Map<AdoptionEventView, TeamView> eventTeam(List<AdoptionEventView> views) {
        Map<TeamService.TeamAt, Team> byKey = teams.teamsAt(actor(), views.stream().filter(v -> v.event().teamId() != null)
                .map(v -> new TeamService.TeamAt(v.event().teamId(), v.event().occurredOn())).distinct().toList());
        Map<AdoptionEventView, TeamView> result = new java.util.HashMap<>();
        views.stream().filter(v -> v.event().teamId() != null).forEach(v -> {
            Team t = byKey.get(new TeamService.TeamAt(v.event().teamId(), v.event().occurredOn()));
            if (t != null) {
                result.put(v, new TeamView(t, v.event().occurredOn()));
            }
        });
        return result;
    }

    @BatchMapping(typeName = "AdoptionEvent", field = "member")
    public Map<AdoptionEventView, MemberView> eventMember(List<AdoptionEventView> views) {
        Map<Long, Member> byId = caunoi.members().membersByIds(actor(), views.stream().map(v -> v.event().memberId()).filter(Objects::nonNull)
                .collect(Collectors.toSet()));
        Map<AdoptionEventView, MemberView> result = new java.util.HashMap<>();
        views.stream().filter(v -> byId.containsKey(v.event().memberId()))
                .forEach(v -> result.put(v, new MemberView(byId.get(v.event().memberId()), v.event().occurredOn())));
        return result;
    }

    @BatchMapping(typeName = "AdoptionEvent", field = "importJob")
    public Map<AdoptionEventView, ImportJobView> eventImportJob(List<AdoptionEventView> views) {
        Map<Long, ImportJobView> jobs = new java.util.HashMap<>();
        views.stream().map(v -> v.event().importJobId()).filter(Objects::nonNull).distinct()
                .forEach(id -> imports.job(actor(), id).ifPresent(j -> jobs.put(id, new ImportJobView(j))));
        Map<AdoptionEventView, ImportJobView> result = new java.util.HashMap<>();
        views.stream().filter(v -> jobs.containsKey(v.event().importJobId())).forEach(v -> result.put(v, jobs.get(v.event().importJobId())));
        return result;
    }

    @BatchMapping(typeName = "MonthDifference", field = "village")
    public Map<MonthDifferenceView, UnitView> monthDifferenceVillage(List<MonthDifferenceView> views) {
        return units(views, v -> v.difference().villageId(), v -> v.difference().month());
    }

    @BatchMapping(typeName = "CountDifference", field = "village")
    public Map<CountDifferenceView, UnitView> differenceVillage(List<CountDifferenceView> views) {
        return units(views, v -> v.difference().villageId(), v -> v.difference().day());
    }

    private <V> Map<V, UnitView> units(List<V> views, Function<V, Long> unitId, Function<V, LocalDate> date) {
        Collection<Long> ids = views.stream().map(unitId).filter(Objects::nonNull).collect(Collectors.toSet());
        Map<Long, AdministrativeUnit> units = hierarchy.unitsById(actor(), ids);
        Map<V, UnitView> result = new java.util.HashMap<>();
        views.stream().filter(v -> units.containsKey(unitId.apply(v))).forEach(v -> result.put(v, UnitView.of(units.get(unitId.apply(v)), date.apply(v))));
        return result;
    }
}
