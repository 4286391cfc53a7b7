package vn.caunoi.api.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The GraphiQL page (vendored, so it works without internet) and the start-up line that says where
 * to point a browser.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(WebConfiguration.class);

    private final CauNoiProperties properties;

    public WebConfiguration(CauNoiProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        if (properties.graphiql()) {
            registry.addResourceHandler("/graphiql/**").addResourceLocations("classpath:/ui/graphiql/");
        }
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        if (properties.graphiql()) {
            registry.addRedirectViewController("/graphiql", "/graphiql/index.html");
        }
    }

    @EventListener
    public void ready(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
            int port = web.getWebServer().getPort();
            String base = "http://localhost:" + port;
            log.info("Cầu Nối is ready. GraphQL: {}/graphql{}  health: {}/actuator/health", base,
                    properties.graphiql() ? "  GraphiQL (open in a browser): " + base + "/graphiql" : "", base);
        }
    }
}
