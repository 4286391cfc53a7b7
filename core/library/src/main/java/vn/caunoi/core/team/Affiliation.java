package vn.caunoi.core.team;

/** Where a team member comes from. Teams are mostly commune leaders and union representatives. */
public enum Affiliation {
    /** lãnh đạo UBND / HĐND xã */
    COMMUNE_LEADERSHIP,
    /** chi bộ (Party cell) */
    PARTY_CELL,
    /** Hội Liên hiệp Phụ nữ */
    WOMENS_UNION,
    /** Đoàn Thanh niên */
    YOUTH_UNION,
    /** Hội Nông dân */
    FARMERS_ASSOCIATION,
    /** Hội Cựu chiến binh */
    VETERANS_ASSOCIATION,
    /** công an xã */
    POLICE,
    /** giáo viên */
    TEACHER,
    /** nhân viên y tế */
    HEALTH_WORKER,
    /** nhân viên bưu điện, viễn thông */
    POST_TELECOM,
    /** tình nguyện viên */
    VOLUNTEER,
    OTHER
}
