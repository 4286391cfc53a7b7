package vn.caunoi.examples.congdanso;

import org.pf4j.Extension;
import vn.caunoi.spi.AttributeRule;
import vn.caunoi.spi.Eligibility;
import vn.caunoi.spi.LocalizedText;
import vn.caunoi.spi.RuleCheckedService;
import vn.caunoi.spi.SchemaContribution;
import vn.caunoi.spi.ServiceDescriptor;
import vn.caunoi.spi.Stage;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Công dân số Thái Bình", the citizen app of (former) Thái Bình province: residents install it, link
 * it to their VNeID or phone number, and send feedback on local issues to the authorities.
 *
 * <p>This is all a plugin needs: one class with PF4J's {@code @Extension} that implements
 * {@link DigitalService}, plus a manifest (see the pom). The optional GraphQL fragment adds a field.
 */
@Extension
public class CongDanSoService extends RuleCheckedService {

    static final String INSTALLED = "INSTALLED";
    static final String LINKED = "ACCOUNT_LINKED";
    static final String FEEDBACK = "FEEDBACK_SENT";

    static final List<String> TOPICS = List.of("INFRASTRUCTURE", "ENVIRONMENT", "SECURITY_ORDER", "ADMINISTRATION",
            "HEALTH", "EDUCATION", "OTHER");

    private static final ServiceDescriptor DESCRIPTOR = ServiceDescriptor.builder("congdanso-thaibinh")
            .name("Ứng dụng Công dân số Thái Bình", "Công dân số Thái Bình citizen app")
            .description("Ứng dụng công dân số của tỉnh Thái Bình (cũ): tin tức, dịch vụ, phản ánh hiện trường gửi chính quyền.",
                    "The citizen app of (former) Thái Bình province: news, services and on-the-spot feedback to the authorities.")
            .stage(Stage.of(INSTALLED, "Đã cài ứng dụng", "App installed"))
            .stage(Stage.of(LINKED, "Đã liên kết tài khoản", "Account linked",
                    "Đăng nhập bằng VNeID hoặc số điện thoại chính chủ.", "Logged in with VNeID or a phone number in one's own name."))
            .stage(Stage.of(FEEDBACK, "Đã gửi phản ánh", "Feedback sent",
                    "Đã gửi ít nhất một phản ánh, kiến nghị qua ứng dụng.", "Sent at least one piece of feedback through the app."))
            .eligibility(Eligibility.personsFrom(14, LocalizedText.of("Người dân có điện thoại thông minh, từ 14 tuổi.",
                    "Residents with a smartphone, from 14.")))
            .adoptedAt(LINKED)
            .attribute("linkedWith", "Liên kết bằng", "Linked with", "VNEID hoặc PHONE", "VNEID or PHONE", LINKED)
            .attribute("feedbackTopic", "Chủ đề phản ánh", "Feedback topic", String.join(", ", TOPICS), String.join(", ", TOPICS), FEEDBACK)
            .build();

    private static final List<AttributeRule> RULES = List.of(
            AttributeRule.oneOf("linkedWith", List.of("VNEID", "PHONE")).at(LINKED).required(),
            AttributeRule.oneOf("feedbackTopic", TOPICS).at(FEEDBACK).required());

    public CongDanSoService() {
        super(DESCRIPTOR, RULES);
    }

    /** Adds {@code Query.congDanSoFeedbackTopics}: the topics the app accepts, for the dashboard's forms. */
    @Override
    public Optional<SchemaContribution> schema() {
        return Optional.of(new SchemaContribution("graphql/congdanso-thaibinh.graphqls",
                Map.of("Query", Map.of("congDanSoFeedbackTopics", context -> TOPICS))));
    }
}
