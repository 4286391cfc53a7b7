package vn.caunoi.core.team;

/** A team's status on a date. */
public enum TeamStatus { ACTIVE, SUSPENDED, DISSOLVED }
