package vn.caunoi.core.hierarchy;

/** The levels of Vietnam's administrative hierarchy, from the top. */
public enum UnitLevel {
    /** tỉnh / thành phố trực thuộc trung ương: 63 before 2025-07-01, 34 after. */
    PROVINCE,
    /** huyện / quận / thị xã / thành phố thuộc tỉnh: abolished on 2025-07-01, kept for history. */
    DISTRICT,
    /** xã / phường / thị trấn / đặc khu. */
    COMMUNE,
    /** thôn / tổ dân phố / ấp / bản / xóm: not in national lists. */
    VILLAGE;

    /** True when a unit of this level may be the parent of a unit of {@code child} level. */
    public boolean canContain(UnitLevel child) {
        return ordinal() < child.ordinal();
    }
}
