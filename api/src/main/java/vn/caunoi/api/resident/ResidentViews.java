package vn.caunoi.api.resident;

import vn.caunoi.core.adoption.Adoption;
import vn.caunoi.api.graphql.DomainView;
import vn.caunoi.api.graphql.GlobalId;
import vn.caunoi.core.imports.ImportJob;
import vn.caunoi.core.resident.Residents;

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

    public record ResidentView(Adoption.ResidentRecord record) implements DomainView {
        public String id() {
            return GlobalId.of("Resident", record.resident().id());
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

        @Override
        public Object domain() {
            return record.resident();
        }
    }

    public record ServiceStatusView(Adoption.ServiceStatus status) implements DomainView {
        @Override
        public Object domain() {
            return status;
        }
    }

    public record ResidenceView(Residents.Residence residence) implements DomainView {
        @Override
        public Object domain() {
            return residence;
        }
    }

    public record AdoptionEventView(Adoption.AdoptionEvent event) implements DomainView {
        public String id() {
            return GlobalId.of("AdoptionEvent", event.id());
        }

        public List<AttributeView> attributes() {
            return AttributeView.of(event.attributes());
        }

        @Override
        public Object domain() {
            return event;
        }
    }

    public record ImportJobView(ImportJob job) implements DomainView {
        public String id() {
            return GlobalId.of("ImportJob", job.id());
        }

        public List<AttributeView> parameters() {
            return AttributeView.of(job.parameters());
        }

        public String rejectionReportUrl() {
            return "/imports/" + job.id() + "/rejections.csv";
        }

        @Override
        public Object domain() {
            return job;
        }
    }

    public record PersonDataAccessView(Residents.PersonDataAccess access) implements DomainView {
        public String id() {
            return GlobalId.of("PersonDataAccess", access.id());
        }

        public String resident() {
            return access.residentId() == null ? null : GlobalId.of("Resident", access.residentId());
        }

        @Override
        public Object domain() {
            return access;
        }
    }
}
