package vn.caunoi.api.activity;

import vn.caunoi.api.graphql.GlobalId;
import vn.caunoi.core.activity.Activities;

import java.time.LocalDate;
import java.util.List;

/** Activities, trainings, campaigns and feedback as GraphQL shows them. */
public final class ActivityViews {

    private ActivityViews() {
    }

    public record SupportActivityView(Activities.SupportActivity activity) {
        public String id() {
            return GlobalId.of("SupportActivity", activity.id());
        }

        public LocalDate occurredOn() {
            return activity.occurredOn();
        }

        public Activities.PlaceKind placeKind() {
            return activity.placeKind();
        }

        public String placeName() {
            return activity.placeName();
        }

        public Activities.Channel channel() {
            return activity.channel();
        }

        public String stageCode() {
            return activity.stage();
        }

        public int people() {
            return activity.people();
        }

        public String note() {
            return activity.note();
        }
    }

    public record TrainingView(Activities.Training training) {
        public String id() {
            return GlobalId.of("Training", training.id());
        }

        public String title() {
            return training.title();
        }

        public Activities.OrganiserKind organiserKind() {
            return training.organiserKind();
        }

        public String organiserName() {
            return training.organiserName();
        }

        public Activities.TrainingMode mode() {
            return training.mode();
        }

        public List<Activities.TrainingTopic> topics() {
            return training.topics();
        }

        public LocalDate heldOn() {
            return training.heldOn();
        }
    }

    public record CampaignView(Activities.Campaign campaign) {
        public String id() {
            return GlobalId.of("Campaign", campaign.id());
        }

        public String name() {
            return campaign.name();
        }

        public LocalDate startsOn() {
            return campaign.startsOn();
        }

        public LocalDate endsOn() {
            return campaign.endsOn();
        }
    }

    public record FeedbackView(Activities.Feedback feedback) {
        public String id() {
            return GlobalId.of("Feedback", feedback.id());
        }

        public Activities.FeedbackTopic topic() {
            return feedback.topic();
        }

        public String text() {
            return feedback.text();
        }

        public LocalDate receivedOn() {
            return feedback.receivedOn();
        }

        public Activities.FeedbackStatus status() {
            return feedback.status();
        }

        public LocalDate statusOn() {
            return feedback.statusOn();
        }
    }
}
