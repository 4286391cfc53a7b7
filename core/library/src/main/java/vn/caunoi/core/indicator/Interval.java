package vn.caunoi.core.indicator;

import vn.caunoi.core.common.InvalidInputException;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** The step of a trend: its points are the days, ISO weeks, months, quarters or years between two dates. */
public enum Interval {
    DAY, WEEK, MONTH, QUARTER, YEAR;

    /** A trend has at most this many points: a year of days. */
    public static final int MAX_POINTS = 400;

    /** The periods of this interval covering [from, to], the first and last cut to it. */
    public List<Period> periods(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "BEFORE_FROM", "to (" + to + ") is before from (" + from + ")");
        }
        List<Period> periods = new ArrayList<>();
        LocalDate start = from;
        while (!start.isAfter(to)) {
            LocalDate end = min(endOf(start), to);
            periods.add(new Period(label(start, end), start, end));
            if (periods.size() > MAX_POINTS) {
                throw new InvalidInputException("interval", "TOO_MANY_POINTS",
                        "a trend has at most " + MAX_POINTS + " points; choose a longer interval or a shorter range");
            }
            start = end.plusDays(1);
        }
        return periods;
    }

    private LocalDate endOf(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            case MONTH -> day.with(TemporalAdjusters.lastDayOfMonth());
            case QUARTER -> day.withDayOfMonth(1).withMonth((day.getMonthValue() - 1) / 3 * 3 + 1).plusMonths(3).minusDays(1);
            case YEAR -> day.with(TemporalAdjusters.lastDayOfYear());
        };
    }

    private String label(LocalDate start, LocalDate end) {
        boolean whole = start.equals(startOf(start)) && end.equals(endOf(start));
        if (!whole) {
            return start.equals(end) ? start.toString() : start + "/" + end;
        }
        return switch (this) {
            case DAY -> start.toString();
            case WEEK -> start + "/" + end;
            case MONTH -> String.format("%d-%02d", start.getYear(), start.getMonthValue());
            case QUARTER -> start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
            case YEAR -> String.valueOf(start.getYear());
        };
    }

    private LocalDate startOf(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> day.withDayOfMonth(1).withMonth((day.getMonthValue() - 1) / 3 * 3 + 1);
            case YEAR -> day.withDayOfYear(1);
        };
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
