package vn.caunoi.api.resident;

import vn.caunoi.api.graphql.GlobalId;
import vn.caunoi.core.imports.ImportJob;
import vn.caunoi.core.resident.CitizenId;
import vn.caunoi.core.resident.Residents;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Residents, adoption and import jobs as GraphQL shows them. No view holds a citizen ID in clear. */
public final class ResidentViews {

    private ResidentViews() {
    }

    public record AttributeView(String name, String value) {
        static List<AttributeView> of(Map<String, String> map) {
            return map.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> new AttributeView(e.getKey(), e.getValue())).toList();
        }
    }

    public record ResidentView(Residents.ResidentRecord record) {
        public String id() {
            return GlobalId.of("Resident", record.resident().id());
        }

        public String maskedCitizenId() {
            return record.resident().maskedCitizenId();
        }

        public int birthYear() {
            return record.resident().birthYear();
        }

        public CitizenId.Sex sex() {
            return record.resident().sex();
        }

        public boolean householdKnown() {
            return record.resident().householdKnown();
        }

        public List<ServiceStatusView> statuses() {
            return record.statuses().stream().map(ServiceStatusView::new).toList();
        }

        public List<AdoptionEventView> history() {
            return record.history().stream().map(AdoptionEventView::new).toList();
        }

        public List<ResidenceView> residences() {
            return record.residences().stream().map(ResidenceView::new).toList();
        }
    }

    public record ServiceStatusView(Residents.ServiceStatus status) {
        public String stage() {
            return status.stage();
        }

        public LocalDate since() {
            return status.since();
        }
    }

    public record ResidenceView(Residents.Residence residence) {
        public LocalDate from() {
            return residence.from();
        }

        public LocalDate to() {
            return residence.to();
        }
    }

    public record AdoptionEventView(Residents.AdoptionEvent event) {
        public String id() {
            return GlobalId.of("AdoptionEvent", event.id());
        }

        public String stage() {
            return event.stage();
        }

        public Residents.EventKind kind() {
            return event.kind();
        }

        public LocalDate occurredOn() {
            return event.occurredOn();
        }

        public Residents.Source source() {
            return event.source();
        }

        public List<AttributeView> attributes() {
            return AttributeView.of(event.attributes());
        }

        public String clientRecordedAt() {
            return text(event.clientRecordedAt());
        }

        public String recordedAt() {
            return text(event.recordedAt());
        }
    }

    public record ImportJobView(ImportJob job) {
        public String id() {
            return GlobalId.of("ImportJob", job.id());
        }

        public ImportJob.Kind kind() {
            return job.kind();
        }

        public String fileName() {
            return job.fileName();
        }

        public ImportJob.Format format() {
            return job.format();
        }

        public ImportJob.State state() {
            return job.state();
        }

        public List<AttributeView> parameters() {
            return AttributeView.of(job.parameters());
        }

        public double fractionDone() {
            return job.fractionDone();
        }

        public long rowsDone() {
            return job.rowsDone();
        }

        public long rowsAccepted() {
            return job.rowsAccepted();
        }

        public long rowsRejected() {
            return job.rowsRejected();
        }

        public Double rowsPerSecond() {
            return job.rowsPerSecond();
        }

        public Double etaSeconds() {
            return job.etaSeconds();
        }

        public long lastLine() {
            return job.lastLine();
        }

        public String failure() {
            return job.failure();
        }

        public String startedBy() {
            return job.startedBy();
        }

        public String startedAt() {
            return text(job.startedAt());
        }

        public String updatedAt() {
            return text(job.updatedAt());
        }

        public String finishedAt() {
            return text(job.finishedAt());
        }

        public String rejectionReportUrl() {
            return "/imports/" + job.id() + "/rejections.csv";
        }
    }

    public record PersonDataAccessView(Residents.PersonDataAccess access) {
        public String id() {
            return GlobalId.of("PersonDataAccess", access.id());
        }

        public String actor() {
            return access.actor();
        }

        public String accessedAt() {
            return text(access.accessedAt());
        }

        public String action() {
            return access.action();
        }

        public String resident() {
            return access.residentId() == null ? null : GlobalId.of("Resident", access.residentId());
        }

        public String scope() {
            return access.scope();
        }

        public String detail() {
            return access.detail();
        }
    }

    static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
