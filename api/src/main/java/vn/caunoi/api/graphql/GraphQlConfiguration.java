package vn.caunoi.api.graphql;

import graphql.schema.TypeResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.ClassNameTypeResolver;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import vn.caunoi.api.hierarchy.UnitView;

import java.time.Clock;
import java.time.LocalDate;

/** Runtime wiring shared by every domain area: scalars, and the Java types behind interfaces. */
@Configuration(proxyBeanMethods = false)
public class GraphQlConfiguration {

    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(DateScalar.INSTANCE);
    }

    @Bean
    GraphQlSourceBuilderCustomizer typeNames() {
        ClassNameTypeResolver resolver = new ClassNameTypeResolver();
        resolver.addMapping(UnitView.class, "AdministrativeUnit");
        resolver.addMapping(vn.caunoi.api.team.TeamViews.TeamView.class, "Team");
        resolver.addMapping(vn.caunoi.api.team.TeamViews.MemberView.class, "Member");
        resolver.addMapping(vn.caunoi.api.team.TeamViews.MembershipView.class, "Membership");
        resolver.addMapping(vn.caunoi.api.activity.ActivityViews.SupportActivityView.class, "SupportActivity");
        resolver.addMapping(vn.caunoi.api.activity.ActivityViews.TrainingView.class, "Training");
        resolver.addMapping(vn.caunoi.api.activity.ActivityViews.CampaignView.class, "Campaign");
        resolver.addMapping(vn.caunoi.api.activity.ActivityViews.FeedbackView.class, "Feedback");
        resolver.addMapping(vn.caunoi.api.resident.ResidentViews.ResidentView.class, "Resident");
        resolver.addMapping(vn.caunoi.api.resident.ResidentViews.ImportJobView.class, "ImportJob");
        resolver.addMapping(vn.caunoi.api.security.UserController.UserView.class, "User");
        TypeResolver typeResolver = resolver;
        return builder -> builder.defaultTypeResolver(typeResolver);
    }

    /** "Today" for every date argument left out: in the configured zone (Asia/Ho_Chi_Minh). */
    @Bean
    Today today(Clock clock) {
        return () -> LocalDate.now(clock);
    }

    @FunctionalInterface
    public interface Today {
        LocalDate date();

        default LocalDate orToday(LocalDate date) {
            return date == null ? date() : date;
        }
    }
}
