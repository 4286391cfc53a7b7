package vn.caunoi.plugins.testing;

import org.pf4j.Plugin;

/** For tests: a plugin that cannot start. The server must report it and go on. */
public class BrokenStartPlugin extends Plugin {

    @Override
    public void start() {
        throw new IllegalStateException("the licence server of this test plugin cannot be reached");
    }
}
