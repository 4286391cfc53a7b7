package vn.caunoi.api.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;

/**
 * The GraphiQL page (vendored, so it works without internet), the teams' field app at {@code /field},
 * and the start-up line that says where to point a browser.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(WebConfiguration.class);

    static final String FIELD_SERVICE_WORKER = "/field/sw.js";

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
        // The field app's address is /field (its manifest's start_url and its service worker's scope).
        registry.addViewController("/field").setViewName("forward:/field/index.html");
        registry.addViewController("/field/").setViewName("forward:/field/index.html");
        if (properties.graphiql()) {
            registry.addRedirectViewController("/graphiql", "/graphiql/index.html");
        }
    }

    /**
     * The field app's service worker lives in /field/ but controls /field itself (the installed
     * app's start page), a scope one step above its folder: the browser allows that only when the
     * script's response says so.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> fieldServiceWorkerScope() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                response.setHeader("Service-Worker-Allowed", "/field");
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns(FIELD_SERVICE_WORKER);
        return registration;
    }

    @EventListener
    public void ready(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
            int port = web.getWebServer().getPort();
            String base = "http://localhost:" + port;
            log.info("Cầu Nối is ready. GraphQL: {}/graphql{}  health: {}/actuator/health  web apps: {}/ and {}/field", base,
                    properties.graphiql() ? "  GraphiQL (open in a browser): " + base + "/graphiql" : "", base, base, base);
        }
    }
}
