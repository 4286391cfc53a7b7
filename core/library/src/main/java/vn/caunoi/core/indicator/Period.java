package vn.caunoi.core.indicator;

import vn.caunoi.core.common.InvalidInputException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time a figure is about: a year ({@code 2025}), a quarter ({@code 2025-Q2}), a month
 * ({@code 2025-06}), a range of days ({@code 2025-01-01/2025-06-15}) or everything up to a date
 * ({@code 2025-06-15}). Stocks (adopters) are read at the end; flows (new adopters, activities)
 * over the whole period. {@code from} is null for "up to a date": since records began.
 */
public record Period(String label, LocalDate from, LocalDate to) {

    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})/(\\d{4}-\\d{2}-\\d{2})");
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2999, 12, 31);

    public Period {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(to, "to");
        if (from != null && from.isAfter(to)) {
            throw new IllegalArgumentException("period " + label + " ends before it starts");
        }
    }

    /** Everything up to and including {@code day}. */
    public static Period upTo(LocalDate day) {
        return new Period(day.toString(), null, day);
    }

    public static Period of(LocalDate from, LocalDate to) {
        return new Period(from + "/" + to, from, to);
    }

    /** Reads a period as the API writes it; null or blank is "up to today". */
    public static Period parse(String text, LocalDate today) {
        if (text == null || text.isBlank()) {
            return upTo(today);
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        Matcher m;
        try {
            if ((m = YEAR.matcher(t)).matches()) {
                int year = year(m.group(1));
                return new Period(t, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
            }
            if ((m = QUARTER.matcher(t)).matches()) {
                LocalDate first = LocalDate.of(year(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1);
                return new Period(t, first, first.plusMonths(3).minusDays(1));
            }
            if ((m = MONTH.matcher(t)).matches()) {
                int month = Integer.parseInt(m.group(2));
                if (month < 1 || month > 12) {
                    throw bad(text);
                }
                LocalDate first = LocalDate.of(year(m.group(1)), month, 1);
                return new Period(t, first, first.plusMonths(1).minusDays(1));
            }
            if (DAY.matcher(t).matches()) {
                return upTo(inRange(LocalDate.parse(t), text));
            }
            if ((m = RANGE.matcher(t)).matches()) {
                LocalDate from = inRange(LocalDate.parse(m.group(1)), text);
                LocalDate to = inRange(LocalDate.parse(m.group(2)), text);
                if (to.isBefore(from)) {
                    throw new InvalidInputException("period", "ENDS_BEFORE_START", "the period " + text.strip() + " ends before it starts");
                }
                return new Period(t, from, to);
            }
        } catch (DateTimeParseException e) {
            throw bad(text);
        }
        throw bad(text);
    }

    private static int year(String digits) {
        int year = Integer.parseInt(digits);
        if (year < EARLIEST.getYear() || year > LATEST.getYear()) {
            throw new InvalidInputException("period", "OUT_OF_RANGE", "a period lies between " + EARLIEST.getYear() + " and " + LATEST.getYear());
        }
        return year;
    }

    private static LocalDate inRange(LocalDate day, String text) {
        if (day.isBefore(EARLIEST) || day.isAfter(LATEST)) {
            throw new InvalidInputException("period", "OUT_OF_RANGE", "a period lies between " + EARLIEST + " and " + LATEST);
        }
        return day;
    }

    private static InvalidInputException bad(String text) {
        return new InvalidInputException("period", "BAD_PERIOD",
                "period must be a year (2025), a quarter (2025-Q2), a month (2025-06), a date (2025-06-15: everything up to it) "
                        + "or a range of dates (2025-01-01/2025-06-15)");
    }

    /** The day before the period, where stocks are read to measure growth; null for "up to a date". */
    public LocalDate dayBefore() {
        return from == null ? null : from.minusDays(1);
    }

    /** The year whose population is the period's denominator: the year it ends in. */
    public int year() {
        return to.getYear();
    }

    /**
     * Days from {@code start} (or the period's start, when later) to its end or {@code today},
     * whichever is earlier, inclusive: the days that have been lived of a period still running.
     */
    public long daysFrom(LocalDate start, LocalDate today) {
        LocalDate first = from == null || start.isAfter(from) ? start : from;
        LocalDate last = today.isBefore(to) ? today : to;
        return Math.max(0, ChronoUnit.DAYS.between(first, last) + 1);
    }
}
