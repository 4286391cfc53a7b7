package vn.caunoi.core.activity;

import java.time.LocalDate;
import java.util.List;

/** What teams do: the value types of support activities, trainings, campaigns and residents' feedback. */
public final class Activities {

    private Activities() {
    }

    public enum PlaceKind { VILLAGE, WORKPLACE, PUBLIC_PLACE, COMMUNE_HALL, ONLINE }

    public enum Channel { DOOR_TO_DOOR, WORKPLACE, EVENT, ONLINE }

    public enum OrganiserKind { PROVINCIAL_DEPARTMENT, DISTRICT, COMMUNE, TELECOM_ENTERPRISE, POSTAL_ENTERPRISE }

    public enum TrainingMode { IN_PERSON, ONLINE }

    public enum TrainingTopic {
        ONLINE_PUBLIC_SERVICES, ECOMMERCE, PAYMENT_ACCOUNTS, ONLINE_SHOPPING, INFORMATION_SECURITY,
        ESSENTIAL_PUBLIC_SERVICES, DIGITAL_SKILLS
    }

    public enum FeedbackTopic { DIGITAL_SERVICES, CONNECTIVITY, DEVICES, ONLINE_PUBLIC_SERVICES, PAYMENTS, SECURITY_FRAUD, OTHER }

    /** OPEN → FORWARDED (to the office in charge) → ANSWERED. */
    public enum FeedbackStatus { OPEN, FORWARDED, ANSWERED }

    /**
     * A team (or one of its members) helped {@code people} residents with a service up to a stage:
     * one resident, or a tally ("37 workers activated VNeID level 2 at factory X").
     */
    public record SupportActivity(long id, long teamId, Long memberId, long unitId, PlaceKind placeKind, String placeName,
                                  Channel channel, LocalDate occurredOn, String service, String stage, int people,
                                  Long campaignId, String note) {
    }

    public record Training(long id, String title, OrganiserKind organiserKind, String organiserName, TrainingMode mode,
                           List<TrainingTopic> topics, LocalDate heldOn, long unitId) {
    }

    /** A campaign such as "Ngày chủ nhật số" (Digital Sunday), over the units it covers. */
    public record Campaign(long id, String name, LocalDate startsOn, LocalDate endsOn) {
    }

    public record Feedback(long id, Long teamId, long unitId, FeedbackTopic topic, String text, LocalDate receivedOn,
                           FeedbackStatus status, LocalDate statusOn) {
    }

    /** How many activities and how many people helped in all, for a filtered list. */
    public record Totals(long activities, long people) {
    }
}
