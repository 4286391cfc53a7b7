package vn.caunoi.core.store;

import vn.caunoi.core.resident.CitizenId;
import vn.caunoi.core.resident.Residents;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** Rows of the resident tables as read from and written to SQL. */
public final class ResidentRows {

    private ResidentRows() {
    }

    public static final class ResidentRow {
        public Long id;
        public byte[] citizenHmac;
        public String citizenMasked;
        public Integer birthYear;
        public CitizenId.Sex sex;
        public byte[] householdHmac;
        public Long villageId;

        public Residents.Resident resident() {
            return new Residents.Resident(id, citizenMasked, birthYear, sex, villageId, householdHmac != null);
        }
    }

    public static final class EventRow {
        public Long id;
        public Long residentId;
        public Long villageId;
        public String serviceCode;
        public String stageCode;
        public Integer stageOrder;
        public Residents.EventKind kind;
        public LocalDate occurredOn;
        public Residents.Source source;
        public Long teamId;
        public Long memberId;
        public Long importJobId;
        /** JSON object of strings, or null. */
        public String attributes;
        public OffsetDateTime clientRecordedAt;
        public OffsetDateTime recordedAt;

        public Residents.AdoptionEvent event() {
            return new Residents.AdoptionEvent(id, residentId, villageId, serviceCode, stageCode, kind, occurredOn, source, teamId,
                    memberId, importJobId, Json.stringMap(attributes), instant(clientRecordedAt), instant(recordedAt));
        }
    }

    public static final class StatusRow {
        public Long residentId;
        public String serviceCode;
        public String stageCode;
        public Integer stageOrder;
        public LocalDate day;
        public Long villageId;

        public Residents.ServiceStatus status() {
            return new Residents.ServiceStatus(residentId, serviceCode, stageCode, stageOrder, day, villageId);
        }
    }

    public static final class ResidenceRow {
        public Long residentId;
        public Long villageId;
        public LocalDate validFrom;
        public LocalDate validTo;

        public Residents.Residence residence() {
            return new Residents.Residence(villageId, validFrom.equals(LocalDate.MIN) ? null : validFrom, validTo);
        }
    }

    public static final class DifferenceRow {
        public Long villageId;
        public String serviceCode;
        public String stageCode;
        public LocalDate day;
        public Long storedEntered;
        public Long storedLeft;
        public Long recomputedEntered;
        public Long recomputedLeft;

        public Residents.CountDifference difference() {
            return new Residents.CountDifference(villageId, serviceCode, stageCode, day, storedEntered, storedLeft,
                    recomputedEntered, recomputedLeft);
        }
    }

    public static final class MonthDifferenceRow {
        public Long villageId;
        public String serviceCode;
        public String stageCode;
        public LocalDate month;
        public Long storedLevel;
        public Long recomputedLevel;

        public Residents.MonthDifference difference() {
            return new Residents.MonthDifference(villageId, serviceCode, stageCode, month, storedLevel, recomputedLevel);
        }
    }

    public static final class PopulationRow {
        public Long unitId;
        public Integer year;
        public Integer ageFrom;
        public Integer ageTo;
        public Long persons;
        public Long households;
        public Long importJobId;

        public Residents.PopulationFigure figure() {
            return new Residents.PopulationFigure(unitId, year, ageFrom, ageTo, persons, households);
        }
    }

    public static final class AccessRow {
        public Long id;
        public String actor;
        public OffsetDateTime accessedAt;
        public String action;
        public Long residentId;
        public String scope;
        public String detail;

        public Residents.PersonDataAccess access() {
            return new Residents.PersonDataAccess(id, actor, instant(accessedAt), action, residentId, scope, detail);
        }
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /** Small JSON helpers for string maps (attributes): no JSON library is needed for flat objects. */
    public static final class Json {
        private Json() {
        }

        public static String of(Map<String, String> map) {
            if (map == null || map.isEmpty()) {
                return null;
            }
            StringBuilder b = new StringBuilder("{");
            map.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                if (b.length() > 1) {
                    b.append(',');
                }
                quote(b, e.getKey()).append(':');
                quote(b, e.getValue());
            });
            return b.append('}').toString();
        }

        private static StringBuilder quote(StringBuilder b, String s) {
            b.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"');
        }

        /** Parses what {@link #of} and PostgreSQL's jsonb output write: a flat object of strings. */
        public static Map<String, String> stringMap(String json) {
            Map<String, String> map = new LinkedHashMap<>();
            if (json == null) {
                return map;
            }
            int[] pos = {json.indexOf('{') + 1};
            while (true) {
                skipSpace(json, pos);
                if (pos[0] >= json.length() || json.charAt(pos[0]) == '}') {
                    return map;
                }
                String key = string(json, pos);
                skipSpace(json, pos);
                pos[0]++; // ':'
                skipSpace(json, pos);
                map.put(key, string(json, pos));
                skipSpace(json, pos);
                if (pos[0] < json.length() && json.charAt(pos[0]) == ',') {
                    pos[0]++;
                }
            }
        }

        private static void skipSpace(String s, int[] pos) {
            while (pos[0] < s.length() && Character.isWhitespace(s.charAt(pos[0]))) {
                pos[0]++;
            }
        }

        private static String string(String s, int[] pos) {
            StringBuilder b = new StringBuilder();
            pos[0]++; // opening quote
            while (s.charAt(pos[0]) != '"') {
                char c = s.charAt(pos[0]++);
                if (c == '\\') {
                    char e = s.charAt(pos[0]++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(pos[0], pos[0] + 4), 16));
                            pos[0] += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
            pos[0]++;
            return b.toString();
        }
    }
}
