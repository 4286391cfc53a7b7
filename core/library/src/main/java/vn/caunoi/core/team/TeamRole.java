package vn.caunoi.core.team;

/** tổ trưởng / tổ phó / thành viên */
public enum TeamRole { LEADER, DEPUTY, MEMBER }
