package vn.caunoi.core.access;

import vn.caunoi.core.common.Role;

import java.time.LocalDate;
import java.util.List;

/** Rows of users and scopes. */
final class AccessRows {

    private AccessRows() {
    }

    public static final class UserRow {
        public Long id;
        public String subject;
        public String displayName;
        public Role role;
        public Boolean allUnits;
        public Long memberId;
        public Boolean active;
        public String updatedBy;
        /** The scope's unit ids, comma-separated (read only). */
        public String scope;

        public List<Long> scopeIds() {
            return scope == null || scope.isBlank() ? List.of()
                    : java.util.Arrays.stream(scope.split(",")).map(Long::valueOf).toList();
        }
    }

    public static final class IntervalRow {
        public Long unitId;
        public LocalDate validFrom;
        public LocalDate validTo;
    }
}
