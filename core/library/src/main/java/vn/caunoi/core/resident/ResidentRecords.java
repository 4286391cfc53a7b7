package vn.caunoi.core.resident;

import vn.caunoi.core.common.Actor;
import vn.caunoi.core.common.Internal;
import vn.caunoi.core.privacy.PersonalDataProtector;
import vn.caunoi.core.store.Database;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The resident tables as the adoption feature writes and reads them, inside its own transactions:
 * a resident known by the keyed HMAC of the citizen ID, residence over time, objections, erasure
 * and the audit of every person-level read. Access is the caller's to check.
 */
@Internal
public final class ResidentRecords {

    private final Database db;

    public ResidentRecords(Database db) {
        this.db = db;
        db.register(ResidentMapper.class);
    }

    /** The keyed HMAC under which a citizen ID is stored (with a purpose prefix, so it matches no other fingerprint). */
    public static byte[] citizenHmac(PersonalDataProtector protector, CitizenId id) {
        return protector.hmac("citizen-id\u001f" + id.digits());
    }

    public static byte[] householdHmac(PersonalDataProtector protector, String household) {
        return household == null ? null : protector.hmac("household\u001f" + household.toUpperCase(Locale.ROOT));
    }

    /** Serialises the writes about one person, before their row may exist. */
    public void lockPerson(byte[] hmac) {
        db.inTransaction(tx -> {
            tx.mapper(ResidentMapper.class).personLock(ByteBuffer.wrap(hmac).getInt());
            return null;
        });
    }

    /** The resident with this HMAC, created if new (and her household updated), locked until the transaction ends. */
    public Residents.Resident register(byte[] hmac, CitizenId id, byte[] householdHmac) {
        return db.inTransaction(tx -> {
            ResidentMapper m = tx.mapper(ResidentMapper.class);
            ResidentRows.ResidentRow row = new ResidentRows.ResidentRow();
            row.citizenHmac = hmac;
            row.citizenMasked = id.masked();
            row.birthYear = id.birthYear();
            row.sex = id.sex();
            row.householdHmac = householdHmac;
            m.insertResident(row);
            ResidentRows.ResidentRow resident = m.residentByHmac(hmac);
            if (householdHmac != null && !Arrays.equals(householdHmac, resident.householdHmac)) {
                m.updateHousehold(resident.id, householdHmac);
            }
            return resident.resident();
        });
    }

    /** The resident with this HMAC, if on record, locked until the transaction ends. */
    public Optional<Residents.Resident> byHmac(byte[] hmac) {
        return Optional.ofNullable(db.inTransaction(tx -> tx.mapper(ResidentMapper.class).residentByHmac(hmac)))
                .map(ResidentRows.ResidentRow::resident);
    }

    public Optional<Residents.Resident> byId(long id) {
        return db.read(tx -> tx.mapper(ResidentMapper.class).residentsByIds(new Long[]{id})).stream().findFirst()
                .map(ResidentRows.ResidentRow::resident);
    }

    /** Where the resident lived, oldest first. */
    public List<Residents.Residence> residences(long residentId) {
        return db.read(tx -> tx.mapper(ResidentMapper.class).residences(new Long[]{residentId})).stream()
                .map(ResidentRows.ResidenceRow::residence).toList();
    }

    /**
     * Where the resident lives from {@code on}: the first village known stands for all earlier time;
     * a different village on or after the resident's latest known fact (the start of the current
     * residence, {@code latestEvent}) is a move; an older record — a phone that synced late — does
     * not rewrite past residence. Returns whether the residence changed.
     */
    public boolean settleResidence(long residentId, long villageId, LocalDate on, LocalDate latestEvent) {
        return db.inTransaction(tx -> {
            ResidentMapper m = tx.mapper(ResidentMapper.class);
            List<ResidentRows.ResidenceRow> residences = m.residences(new Long[]{residentId});
            if (residences.isEmpty()) {
                m.insertResidence(residentId, villageId, null);
                return true;
            }
            ResidentRows.ResidenceRow current = residences.get(residences.size() - 1);
            if (current.villageId == villageId || on.isBefore(current.validFrom) || (latestEvent != null && on.isBefore(latestEvent))) {
                return false;
            }
            if (on.equals(current.validFrom)) {
                m.changeResidenceVillage(residentId, current.validFrom, villageId);
            } else {
                m.endResidence(residentId, current.validFrom, on);
                m.insertResidence(residentId, villageId, on);
            }
            return true;
        });
    }

    /** Whether the person objected to being recorded. */
    public boolean objected(byte[] hmac) {
        return db.read(tx -> tx.mapper(ResidentMapper.class).objected(hmac));
    }

    /** Records an objection: later records of the person keep only anonymous tallies. */
    public void recordObjection(byte[] hmac, LocalDate on) {
        db.inTransaction(tx -> tx.mapper(ResidentMapper.class).insertObjection(hmac, on));
    }

    /** Lets this transaction delete from the append-only tables: an objection's erasure, and only it. */
    public void enableErasure() {
        db.inTransaction(tx -> {
            tx.mapper(ResidentMapper.class).enableErasure();
            return null;
        });
    }

    /** Erases the resident's residences and row (her events are erased first, by the adoption feature). */
    public void erase(long residentId) {
        db.inTransaction(tx -> {
            ResidentMapper m = tx.mapper(ResidentMapper.class);
            m.eraseResidences(residentId);
            return m.eraseResident(residentId);
        });
    }

    /** Writes one row of the audit log of person-level reads: who, what, of whom, under which scope. */
    public void audit(Actor actor, String action, Long residentId, Long villageId, String detail) {
        db.inTransaction(tx -> tx.mapper(ResidentMapper.class).audit(actor.id(), action, residentId, villageId, actor.scopeLabel(), detail));
    }
}
