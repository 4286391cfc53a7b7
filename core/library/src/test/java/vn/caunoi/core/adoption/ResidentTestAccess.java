package vn.caunoi.core.adoption;

import vn.caunoi.core.CauNoi;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** {@link SmallProvince} for tests of other packages. */
public final class ResidentTestAccess {

    private final SmallProvince province = new SmallProvince();

    public CauNoi caunoi() {
        return province.caunoi;
    }

    public static String citizenId(int year, boolean female, int tail) {
        return SmallProvince.citizenId(year, female, tail);
    }

    public Map<String, String> counts() {
        return province.counts();
    }

    public Map<String, String> atStage(LocalDate on) {
        return province.atStage(on);
    }

    public long count(String table) {
        return province.count(table);
    }

    /** The first two columns of each row of {@code sql}, as text: the first → the second. */
    public Map<String, String> query(String sql) {
        return province.query(sql);
    }

    public List<String> allText() {
        return province.allText();
    }

    public void clearResidents() {
        province.clearResidents();
    }
}
