package vn.caunoi.api.hierarchy;

import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;
import vn.caunoi.api.graphql.Connection;
import vn.caunoi.api.graphql.GraphQlConfiguration.Today;
import vn.caunoi.core.CauNoi;
import vn.caunoi.core.common.Page;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.hierarchy.AdministrativeUnit;
import vn.caunoi.core.hierarchy.HierarchyService;
import vn.caunoi.core.hierarchy.UnitAt;
import vn.caunoi.core.hierarchy.UnitChange;
import vn.caunoi.core.hierarchy.UnitLevel;
import vn.caunoi.core.hierarchy.UnitQuery;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * GraphQL over the hierarchy. Thin: arguments in, core calls out. Every association is batched
 * (one SQL statement per association per request level, whatever the page size).
 */
@Controller
public class HierarchyController {

    private static final String CHILDREN = "unitChildren";

    private final HierarchyService hierarchy;
    private final Today today;

    public HierarchyController(CauNoi caunoi, Today today, BatchLoaderRegistry registry) {
        this.hierarchy = caunoi.hierarchy();
        this.today = today;
        // Children pages take arguments, which @BatchMapping cannot: a DataLoader keyed by unit,
        // date and page answers all the children pages of one request level in one statement per page shape.
        registry.<ChildrenKey, Connection<UnitView>>forName(CHILDREN).registerMappedBatchLoader((keys, env) ->
                Mono.fromCallable(() -> loadChildren(keys)));
    }

    /** The signed-in user of this request, or the public: core applies her role and scope. */
    private static Actor actor() {
        return vn.caunoi.api.security.Actors.current();
    }

    @QueryMapping
    public UnitView unit(@Argument String code, @Argument LocalDate asOf) {
        LocalDate date = today.orToday(asOf);
        return hierarchy.unit(actor(), code, date).map(u -> new UnitView(u, date)).orElse(null);
    }

    @QueryMapping
    public Connection<UnitView> units(@Argument UnitLevel level, @Argument String under, @Argument String search,
                                      @Argument LocalDate asOf, @Argument Integer first, @Argument String after,
                                      DataFetchingFieldSelectionSet selection) {
        LocalDate date = today.orToday(asOf);
        PageRequest page = Connection.request(first, after, selection);
        Page<AdministrativeUnit> result = hierarchy.units(actor(), new UnitQuery(level, under, search, date, page));
        return Connection.of(result, u -> new UnitView(u, date));
    }

    @QueryMapping
    public Connection<HierarchyChangeView> hierarchyChanges(@Argument String under, @Argument LocalDate from, @Argument LocalDate to,
                                                            @Argument Integer first, @Argument String after,
                                                            DataFetchingFieldSelectionSet selection) {
        return Connection.of(hierarchy.changes(actor(), under, from, to, Connection.request(first, after, selection)), HierarchyChangeView::new);
    }

    @SchemaMapping(typeName = "AdministrativeUnit")
    public LocalDate asOf(UnitView unit) {
        return unit.asOf();
    }

    @BatchMapping(typeName = "AdministrativeUnit")
    public Map<UnitView, UnitView> parent(List<UnitView> units) {
        Map<UnitAt, AdministrativeUnit> parents = hierarchy.parents(actor(), keys(units));
        Map<UnitView, UnitView> result = new HashMap<>();
        for (UnitView u : units) {
            AdministrativeUnit p = parents.get(u.key());
            if (p != null) {
                result.put(u, new UnitView(p, u.asOf()));
            }
        }
        return result;
    }

    @BatchMapping(typeName = "AdministrativeUnit")
    public Map<UnitView, List<UnitView>> ancestors(List<UnitView> units) {
        Map<UnitAt, List<AdministrativeUnit>> ancestors = hierarchy.ancestors(actor(), keys(units));
        Map<UnitView, List<UnitView>> result = new HashMap<>();
        for (UnitView u : units) {
            result.put(u, ancestors.getOrDefault(u.key(), List.of()).stream().map(a -> new UnitView(a, u.asOf())).toList());
        }
        return result;
    }

    @SchemaMapping(typeName = "AdministrativeUnit")
    public CompletableFuture<Connection<UnitView>> children(UnitView unit, @Argument UnitLevel level,
                                                           @Argument Integer first, @Argument String after,
                                                           DataFetchingEnvironment env) {
        DataLoader<ChildrenKey, Connection<UnitView>> loader = env.getDataLoader(CHILDREN);
        return loader.load(new ChildrenKey(unit.key(), level, Connection.request(first, after, env.getSelectionSet())));
    }

    @BatchMapping(typeName = "AdministrativeUnit")
    public Map<UnitView, List<UnitChangeView>> predecessors(List<UnitView> units) {
        Map<Long, List<UnitChange>> changes = hierarchy.predecessors(actor(), ids(units));
        return units.stream().distinct().collect(Collectors.toMap(u -> u, u -> changes.getOrDefault(u.unit().id(), List.of())
                .stream().map(c -> new UnitChangeView(c, c.fromUnitId(), c.effectiveDate().minusDays(1))).toList()));
    }

    @BatchMapping(typeName = "AdministrativeUnit")
    public Map<UnitView, List<UnitChangeView>> successors(List<UnitView> units) {
        Map<Long, List<UnitChange>> changes = hierarchy.successors(actor(), ids(units));
        return units.stream().distinct().collect(Collectors.toMap(u -> u, u -> changes.getOrDefault(u.unit().id(), List.of())
                .stream().map(c -> new UnitChangeView(c, c.toUnitId(), c.effectiveDate())).toList()));
    }

    @BatchMapping(typeName = "UnitChange", field = "unit")
    public Map<UnitChangeView, UnitView> changeUnit(List<UnitChangeView> changes) {
        Map<Long, AdministrativeUnit> units = hierarchy.unitsById(actor(),
                changes.stream().map(UnitChangeView::otherUnitId).collect(Collectors.toSet()));
        Map<UnitChangeView, UnitView> result = new HashMap<>();
        for (UnitChangeView c : changes) {
            AdministrativeUnit u = units.get(c.otherUnitId());
            if (u != null) {
                result.put(c, UnitView.on(u, c.otherSeenOn()));
            }
        }
        return result;
    }

    @BatchMapping(typeName = "HierarchyChange", field = "from")
    public Map<HierarchyChangeView, UnitView> changeFrom(List<HierarchyChangeView> changes) {
        return changeSide(changes, true);
    }

    @BatchMapping(typeName = "HierarchyChange", field = "to")
    public Map<HierarchyChangeView, UnitView> changeTo(List<HierarchyChangeView> changes) {
        return changeSide(changes, false);
    }

    private Map<HierarchyChangeView, UnitView> changeSide(List<HierarchyChangeView> changes, boolean from) {
        Set<Long> ids = new LinkedHashSet<>();
        for (HierarchyChangeView c : changes) {
            Long id = from ? c.change().fromUnitId() : c.change().toUnitId();
            if (id != null) {
                ids.add(id);
            }
        }
        Map<Long, AdministrativeUnit> units = hierarchy.unitsById(actor(), ids);
        Map<HierarchyChangeView, UnitView> result = new HashMap<>();
        for (HierarchyChangeView c : changes) {
            Long id = from ? c.change().fromUnitId() : c.change().toUnitId();
            AdministrativeUnit u = id == null ? null : units.get(id);
            if (u != null) {
                LocalDate seen = from ? c.change().effectiveDate().minusDays(1) : c.change().effectiveDate();
                result.put(c, UnitView.on(u, seen));
            }
        }
        return result;
    }

    private Map<ChildrenKey, Connection<UnitView>> loadChildren(Set<ChildrenKey> keys) {
        Map<ChildrenKey, Connection<UnitView>> result = new LinkedHashMap<>();
        Map<PageShape, List<ChildrenKey>> byShape = keys.stream()
                .collect(Collectors.groupingBy(k -> new PageShape(k.level(), k.page()), LinkedHashMap::new, Collectors.toList()));
        byShape.forEach((shape, group) -> {
            Map<UnitAt, Page<AdministrativeUnit>> pages = hierarchy.children(actor(),
                    group.stream().map(ChildrenKey::unit).toList(), shape.level(), shape.page());
            for (ChildrenKey key : group) {
                Page<AdministrativeUnit> page = pages.getOrDefault(key.unit(), new Page<>(List.of(), 0, shape.page().offset()));
                result.put(key, Connection.of(page, u -> new UnitView(u, key.unit().date())));
            }
        });
        return result;
    }

    private static List<UnitAt> keys(Collection<UnitView> units) {
        return units.stream().map(UnitView::key).distinct().toList();
    }

    private static List<Long> ids(Collection<UnitView> units) {
        return new ArrayList<>(units.stream().map(u -> u.unit().id()).collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    record ChildrenKey(UnitAt unit, UnitLevel level, PageRequest page) {
    }

    record PageShape(UnitLevel level, PageRequest page) {
    }
}
