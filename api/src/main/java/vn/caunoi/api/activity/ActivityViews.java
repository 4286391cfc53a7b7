package vn.caunoi.api.activity;

import vn.caunoi.api.graphql.DomainView;
import vn.caunoi.api.graphql.GlobalId;
import vn.caunoi.core.activity.Activities;

/** Activities, trainings, campaigns and feedback as GraphQL shows them. */
public final class ActivityViews {

    private ActivityViews() {
    }

    public record SupportActivityView(Activities.SupportActivity activity) implements DomainView {
        public String id() {
            return GlobalId.of("SupportActivity", activity.id());
        }

        /** The stage's code, also when the service no longer lists the stage ({@code stage} is then null). */
        public String stageCode() {
            return activity.stage();
        }

        @Override
        public Object domain() {
            return activity;
        }
    }

    public record TrainingView(Activities.Training training) implements DomainView {
        public String id() {
            return GlobalId.of("Training", training.id());
        }

        @Override
        public Object domain() {
            return training;
        }
    }

    public record CampaignView(Activities.Campaign campaign) implements DomainView {
        public String id() {
            return GlobalId.of("Campaign", campaign.id());
        }

        @Override
        public Object domain() {
            return campaign;
        }
    }

    public record FeedbackView(Activities.Feedback feedback) implements DomainView {
        public String id() {
            return GlobalId.of("Feedback", feedback.id());
        }

        @Override
        public Object domain() {
            return feedback;
        }
    }
}
