package vn.caunoi.core.resident;

import org.apache.ibatis.annotations.Param;

import java.time.LocalDate;
import java.util.List;

/** SQL of residents, their residences, objections and the person-data audit log (ResidentMapper.xml beside it). */
interface ResidentMapper {

    boolean objected(@Param("hmac") byte[] hmac);

    int insertObjection(@Param("hmac") byte[] hmac, @Param("on") LocalDate on);

    /** Creates the resident if new (then {@link #residentByHmac} finds it). */
    int insertResident(@Param("r") ResidentRows.ResidentRow row);

    /** The resident with this citizen-ID HMAC, locked until the transaction ends. */
    ResidentRows.ResidentRow residentByHmac(@Param("hmac") byte[] hmac);

    List<ResidentRows.ResidentRow> residentsByIds(@Param("ids") Long[] ids);

    int updateHousehold(@Param("id") long residentId, @Param("hmac") byte[] householdHmac);

    List<ResidentRows.ResidenceRow> residences(@Param("ids") Long[] residentIds);

    int insertResidence(@Param("id") long residentId, @Param("village") long villageId, @Param("from") LocalDate from);

    int endResidence(@Param("id") long residentId, @Param("from") LocalDate from, @Param("to") LocalDate to);

    int changeResidenceVillage(@Param("id") long residentId, @Param("from") LocalDate from, @Param("village") long villageId);

    /** Serialises the writes about one person (by the first bytes of the HMAC) before their row exists. */
    void personLock(@Param("key") int key);

    /** Lets this transaction delete from the append-only tables: only an objection's erasure does. */
    void enableErasure();

    int eraseResidences(@Param("id") long residentId);

    int eraseResident(@Param("id") long residentId);

    int audit(@Param("actor") String actor, @Param("action") String action, @Param("residentId") Long residentId,
              @Param("villageId") Long villageId, @Param("scope") String scope, @Param("detail") String detail);

    List<ResidentRows.AccessRow> accessLog(@Param("residentId") Long residentId, @Param("scope") Long[] scope, @Param("offset") int offset,
                                           @Param("limit") int limit);

    long accessCount(@Param("residentId") Long residentId, @Param("scope") Long[] scope);
}
