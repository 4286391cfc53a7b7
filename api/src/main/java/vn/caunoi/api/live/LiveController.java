package vn.caunoi.api.live;

import graphql.GraphQLContext;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.caunoi.api.config.CauNoiProperties;
import vn.caunoi.api.graphql.GlobalId;
import vn.caunoi.api.graphql.GraphQlConfiguration.Today;
import vn.caunoi.api.indicator.IndicatorViews.RateView;
import vn.caunoi.api.resident.ResidentViews.ImportJobView;
import vn.caunoi.api.security.Actors;
import vn.caunoi.api.security.RequestLimits;
import vn.caunoi.api.security.StreamLimiter;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.InvalidInputException;
import vn.caunoi.core.common.AccessDeniedException;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.imports.ImportJob;
import vn.caunoi.core.indicator.Indicators;
import vn.caunoi.core.indicator.Period;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Subscriptions: an import job's progress, and the adopters of a unit as they change. Each reads
 * the same tables as the queries (the job row, the running counts), every
 * {@code caunoi.live.poll-interval} and whenever this server writes something, and sends an event
 * only when the figures changed. An import run by another process (the command line) is seen the
 * same way. Each read re-reads the caller's role and scope, as every request does: a user
 * deactivated or moved elsewhere stops receiving.
 */
@Controller
public class LiveController {

    private final CauNoi caunoi;
    private final Today today;
    private final LiveSignals signals;
    private final StreamLimiter streams;
    private final Duration pollInterval;

    public LiveController(CauNoi caunoi, Today today, LiveSignals signals, StreamLimiter streams, CauNoiProperties properties) {
        this.caunoi = caunoi;
        this.today = today;
        this.signals = signals;
        this.streams = streams;
        this.pollInterval = properties.live().pollInterval();
    }

    @SubscriptionMapping
    public Flux<ImportJobView> importJobProgress(@Argument String id, GraphQLContext context) {
        Actor actor = Actors.current();
        long jobId = GlobalId.idOf(id, "ImportJob", "id");
        Function<Actor, ImportJob> read = a -> caunoi.imports().job(a, jobId).orElseThrow(() ->
                new InvalidInputException("id", "UNKNOWN_JOB", "no import job that you may see has this id"));
        read.apply(actor);
        StreamLimiter.Permit permit = streams.open(RequestLimits.client(context));
        // Ends with the job: DONE or FAILED, or INTERRUPTED (stopped on purpose; resumed later as a new run).
        return poll(actor, read)
                .distinctUntilChanged(j -> Arrays.asList(j.state(), j.lastLine(), j.rowsDone(), j.updatedAt()))
                .takeUntil(j -> j.state() != ImportJob.State.RUNNING)
                .map(ImportJobView::new)
                .doFinally(signal -> permit.close());
    }

    @SubscriptionMapping
    public Flux<RateView> adoptionRate(@Argument String code, @Argument String service, @Argument String stage,
                                       GraphQLContext context) {
        Actor actor = Actors.current();
        Function<Actor, Indicators.AdoptionRate> read = a -> {
            LocalDate day = today.date();
            AdministrativeUnit unit = caunoi.hierarchy().requireUnit(a, "code", code, day);
            // The live figure is the full one: only for units in the caller's scope today.
            caunoi.access().requireIn(a, unit.id(), day, unit.fullName());
            return caunoi.rates().adoptionRates(a, new Indicators.RateQuery(code, unit.level(), service, stage,
                    Period.parse(null, day), day)).get(0);
        };
        read.apply(actor);
        StreamLimiter.Permit permit = streams.open(RequestLimits.client(context));
        return poll(actor, read)
                .distinctUntilChanged(r -> Arrays.asList(r.unit().id(), r.period().to(), r.adopters(), r.eligible(), r.rate(),
                        r.target() == null ? null : r.target().id()))
                .map(RateView::new)
                .doFinally(signal -> permit.close());
    }

    /**
     * Reads at once, then every poll interval and on every signal (at most four a second), one read
     * at a time and in order, off the request threads. Ticks that come while a read runs are
     * merged into one.
     */
    private <T> Flux<T> poll(Actor actor, Function<Actor, T> read) {
        Flux<Object> ticks = Flux.<Object>merge(Flux.interval(Duration.ZERO, pollInterval),
                signals.changes().sample(Duration.ofMillis(250))).onBackpressureLatest();
        return ticks.concatMap(tick -> Mono.fromCallable(() -> read.apply(again(actor))).subscribeOn(Schedulers.boundedElastic()), 1);
    }

    /** The caller as the database says now (role, scope, still active), as every request reads it. */
    private Actor again(Actor actor) {
        if (actor.kind() != Actor.Kind.USER) {
            return actor;
        }
        return caunoi.users().actorFor(actor.id())
                .orElseThrow(() -> AccessDeniedException.of(Actor.anonymous(), "your account is no longer active"));
    }
}
