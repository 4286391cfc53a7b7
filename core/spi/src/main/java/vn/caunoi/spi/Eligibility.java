package vn.caunoi.spi;

import java.util.Objects;

/**
 * Who the service is for: its denominator when adoption is measured.
 *
 * @param subject    persons, households or businesses (producers)
 * @param minimumAge for persons, the age from which one can take the service up (0 to 120)
 * @param maximumAge an upper age, or null
 * @param note       conditions that an age cannot say (e.g. "level 2 needs in-person verification"), or null
 */
public record Eligibility(Subject subject, int minimumAge, Integer maximumAge, LocalizedText note) {

    public enum Subject { PERSON, HOUSEHOLD, BUSINESS }

    public Eligibility {
        Objects.requireNonNull(subject, "subject");
        if (minimumAge < 0 || minimumAge > 120) {
            throw new IllegalArgumentException("minimumAge must be between 0 and 120, not " + minimumAge);
        }
        if (maximumAge != null && (maximumAge < minimumAge || maximumAge > 150)) {
            throw new IllegalArgumentException("maximumAge must be between minimumAge and 150, not " + maximumAge);
        }
    }

    public static Eligibility personsFrom(int minimumAge, LocalizedText note) {
        return new Eligibility(Subject.PERSON, minimumAge, null, note);
    }

    public static Eligibility households(LocalizedText note) {
        return new Eligibility(Subject.HOUSEHOLD, 18, null, note);
    }

    public boolean admitsAge(int age) {
        return age >= minimumAge && (maximumAge == null || age <= maximumAge);
    }
}
