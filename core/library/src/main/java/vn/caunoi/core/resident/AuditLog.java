package vn.caunoi.core.resident;

import vn.caunoi.core.access.Access;
import vn.caunoi.core.access.Operation;
import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Page;
import vn.caunoi.core.common.PageRequest;
import vn.caunoi.core.store.Database;

/** The audit log of person-level reads: append-only, read by province administrators. */
public final class AuditLog {

    private final Database db;

    public AuditLog(Database db) {
        this.db = db;
        db.register(ResidentMapper.class);
    }

    /**
     * The audit log, newest first; optionally of one resident. For province administrators: the
     * reads of residents who lived in their scope when read, and lookups that found nobody.
     */
    public Page<Residents.PersonDataAccess> accessLog(Actor actor, Long residentId, PageRequest page) {
        Access.require(actor, Operation.READ_AUDIT_LOG);
        return db.read(tx -> {
            ResidentMapper m = tx.mapper(ResidentMapper.class);
            return new Page<>(m.accessLog(residentId, actor.scopeArray(), page.offset(), page.limit()).stream()
                    .map(ResidentRows.AccessRow::access).toList(), m.accessCount(residentId, actor.scopeArray()), page.offset());
        });
    }
}
