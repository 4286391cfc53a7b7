package vn.caunoi.core.activity;

import vn.caunoi.core.activity.Activities;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** Rows of the activity tables. */
final class ActivityRows {

    private ActivityRows() {
    }

    public static final class SupportRow {
        public Long id;
        public Long teamId;
        public Long memberId;
        public Long unitId;
        public Activities.PlaceKind placeKind;
        public String placeName;
        public Activities.Channel channel;
        public LocalDate occurredOn;
        public String serviceCode;
        public String stageCode;
        public Integer people;
        public Long campaignId;
        public String note;

        public Activities.SupportActivity activity() {
            return new Activities.SupportActivity(id, teamId, memberId, unitId, placeKind, placeName, channel, occurredOn,
                    serviceCode, stageCode, people, campaignId, note);
        }
    }

    public static final class TrainingRow {
        public Long id;
        public String title;
        public Activities.OrganiserKind organiserKind;
        public String organiserName;
        public Activities.TrainingMode mode;
        public String[] topics;
        public LocalDate heldOn;
        public Long unitId;

        public Activities.Training training() {
            List<Activities.TrainingTopic> list = Arrays.stream(topics).map(Activities.TrainingTopic::valueOf).toList();
            return new Activities.Training(id, title, organiserKind, organiserName, mode, list, heldOn, unitId);
        }
    }

    public static final class CampaignRow {
        public Long id;
        public String name;
        public LocalDate startsOn;
        public LocalDate endsOn;

        public Activities.Campaign campaign() {
            return new Activities.Campaign(id, name, startsOn, endsOn);
        }
    }

    public static final class FeedbackRow {
        public Long id;
        public Long teamId;
        public Long unitId;
        public Activities.FeedbackTopic topic;
        public String body;
        public LocalDate receivedOn;
        public Activities.FeedbackStatus status;
        public LocalDate statusOn;

        public Activities.Feedback feedback() {
            return new Activities.Feedback(id, teamId, unitId, topic, body, receivedOn, status, statusOn);
        }
    }

    public static final class PairRow {
        public Long left;
        public Long right;
    }

    public static final class TotalsRow {
        public long activities;
        public long people;
    }
}
