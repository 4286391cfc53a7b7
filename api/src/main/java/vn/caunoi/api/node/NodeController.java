package vn.caunoi.api.node;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import vn.caunoi.api.security.Actors;

/** {@code node(id)}: any object by its global id, as the caller may see it, today. */
@Controller
public class NodeController {

    private final NodeTypes types;

    public NodeController(NodeTypes types) {
        this.types = types;
    }

    @QueryMapping
    public Object node(@Argument String id) {
        return types.find(Actors.current(), id);
    }
}
