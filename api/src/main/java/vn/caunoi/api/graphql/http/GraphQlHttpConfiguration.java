package vn.caunoi.api.graphql.http;

import vn.caunoi.core.CauNoi;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.json.JsonMapper;
import vn.caunoi.api.config.CauNoiProperties;

/**
 * Puts {@link GraphQlEndpoint} on the GraphQL path ahead of Spring Boot's own routes, which stay for
 * GraphiQL and the printed schema.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // not for the command line's commands
public class GraphQlHttpConfiguration {

    @Bean
    TrustedDocuments trustedDocuments(CauNoiProperties properties, JsonMapper json) {
        return TrustedDocuments.load(properties.trustedDocuments(), json);
    }

    @Bean
    GraphQlEndpoint graphQlEndpoint(CauNoi caunoi, WebGraphQlHandler handler, TrustedDocuments documents, JsonMapper json,
                                    CauNoiProperties properties, GraphQlProperties graphql) {
        return new GraphQlEndpoint(caunoi, handler, documents, json, properties.http().publicMaxAge(),
                graphql.getHttp().getSse().getTimeout(), graphql.getHttp().getSse().getKeepAlive());
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> graphQlEndpointRoute(GraphQlEndpoint endpoint, GraphQlProperties graphql) {
        return RouterFunctions.route(RequestPredicates.path(graphql.getHttp().getPath()), endpoint::handle);
    }
}
