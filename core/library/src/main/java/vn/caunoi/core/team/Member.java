package vn.caunoi.core.team;

/** A team member. The phone number is personal data: only its mask is read here. */
public record Member(long id, String fullName, Affiliation affiliation, String phoneMasked) {
}
