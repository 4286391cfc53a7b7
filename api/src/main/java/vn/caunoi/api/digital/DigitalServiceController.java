package vn.caunoi.api.digital;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import vn.caunoi.api.graphql.AttributeInput;
import vn.caunoi.api.plugins.PluginReport;
import vn.caunoi.api.plugins.PluginSystem;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.digital.DigitalServices;
import vn.caunoi.spi.AttributeProblem;
import vn.caunoi.spi.AttributeSpec;
import vn.caunoi.spi.Eligibility;
import vn.caunoi.spi.LocalizedText;
import vn.caunoi.spi.Stage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GraphQL over the digital-service catalogue and the plugins. */
@Controller
public class DigitalServiceController {

    /** A stage with its position in the funnel. */
    public record StageView(Stage stage, int order) implements vn.caunoi.api.graphql.DomainView {
        @Override
        public Object domain() {
            return stage;
        }
    }

    public enum Language { VI, EN }

    private final DigitalServices services;
    private final PluginSystem plugins;
    private final ServiceViews views;

    public DigitalServiceController(CauNoi caunoi, PluginSystem plugins, ServiceViews views) {
        this.services = caunoi.digitalServices();
        this.plugins = plugins;
        this.views = views;
    }

    /** The signed-in user of this request, or the public: core applies her role and scope. */
    private static Actor actor() {
        return vn.caunoi.api.security.Actors.current();
    }

    @QueryMapping
    public List<ServiceView> digitalServices() {
        return views.all(actor());
    }

    @QueryMapping
    public ServiceView digitalService(@Argument String code) {
        return services.find(actor(), code).map(views::view).orElse(null);
    }

    @QueryMapping
    public List<PluginReport> plugins() {
        return plugins.reports();
    }

    @QueryMapping
    public List<AttributeProblem> checkServiceRecord(@Argument String service, @Argument String stage,
                                                     @Argument List<AttributeInput> attributes) {
        return services.validate(actor(), service, stage, AttributeInput.toMap(attributes, "attributes", 50));
    }

    @SchemaMapping(typeName = "DigitalService")
    public String name(ServiceView service, @Argument Language lang) {
        return text(service.entry().descriptor().name(), lang);
    }

    @SchemaMapping(typeName = "DigitalService")
    public String description(ServiceView service, @Argument Language lang) {
        return text(service.entry().descriptor().description(), lang);
    }

    @SchemaMapping(typeName = "DigitalService")
    public List<StageView> stages(ServiceView service) {
        List<Stage> stages = service.entry().descriptor().stages();
        return stages.stream().map(s -> new StageView(s, stages.indexOf(s) + 1)).toList();
    }

    @SchemaMapping(typeName = "DigitalService")
    public StageView adoptedStage(ServiceView service) {
        var d = service.entry().descriptor();
        return new StageView(d.stage(d.adoptedStage()).orElseThrow(), d.order(d.adoptedStage()));
    }

    @SchemaMapping(typeName = "DigitalService")
    public List<AttributeSpec> attributes(ServiceView service) {
        return service.entry().descriptor().attributes();
    }

    @SchemaMapping(typeName = "Stage")
    public String name(StageView stage, @Argument Language lang) {
        return text(stage.stage().name(), lang);
    }

    @SchemaMapping(typeName = "Stage")
    public String description(StageView stage, @Argument Language lang) {
        return text(stage.stage().description(), lang);
    }

    @SchemaMapping(typeName = "Eligibility")
    public String note(Eligibility eligibility, @Argument Language lang) {
        return text(eligibility.note(), lang);
    }

    @SchemaMapping(typeName = "AttributeSpec")
    public String label(AttributeSpec spec, @Argument Language lang) {
        return text(spec.label(), lang);
    }

    @SchemaMapping(typeName = "AttributeSpec")
    public String format(AttributeSpec spec, @Argument Language lang) {
        return text(spec.format(), lang);
    }

    @SchemaMapping(typeName = "AttributeProblem")
    public String message(AttributeProblem problem, @Argument Language lang) {
        return text(problem.message(), lang);
    }

    private static String text(LocalizedText text, Language lang) {
        return text == null ? null : text.in(lang == null ? "vi" : lang.name());
    }
}
