package vn.caunoi.plugins.vssid;

import org.pf4j.Extension;
import vn.caunoi.spi.AttributeRule;
import vn.caunoi.spi.Eligibility;
import vn.caunoi.spi.LocalizedText;
import vn.caunoi.spi.RuleCheckedService;
import vn.caunoi.spi.ServiceDescriptor;
import vn.caunoi.spi.Stage;

import java.util.List;

/**
 * VssID, the Vietnam Social Security app ("Bảo hiểm xã hội số"). It carries the health-insurance card:
 * a citizen can show it instead of the paper card at a health facility.
 */
@Extension
public class VssidService extends RuleCheckedService {

    static final String INSTALLED = "INSTALLED";
    static final String ACTIVATED = "ACCOUNT_ACTIVATED";
    static final String CARD_USED = "HEALTH_CARD_USED";

    private static final ServiceDescriptor DESCRIPTOR = ServiceDescriptor.builder("vssid")
            .name("Ứng dụng VssID – Bảo hiểm xã hội số", "VssID social-insurance app")
            .description("Ứng dụng của Bảo hiểm xã hội Việt Nam: tra cứu quá trình đóng, thẻ bảo hiểm y tế điện tử.",
                    "Vietnam Social Security's app: contribution history and the electronic health-insurance card.")
            .stage(Stage.of(INSTALLED, "Đã cài ứng dụng", "App installed"))
            .stage(Stage.of(ACTIVATED, "Đã kích hoạt tài khoản", "Account activated",
                    "Đăng ký giao dịch điện tử với cơ quan BHXH hoặc đăng nhập bằng VNeID.",
                    "Registered for electronic transactions with social security, or logged in with VNeID."))
            .stage(Stage.of(CARD_USED, "Đã dùng thẻ BHYT trên ứng dụng", "Health-insurance card used",
                    "Đã xuất trình thẻ BHYT trên VssID khi khám chữa bệnh.",
                    "Showed the health-insurance card in VssID at a health facility."))
            .eligibility(Eligibility.personsFrom(15, LocalizedText.of(
                    "Người có mã số BHXH; trẻ em dùng qua ứng dụng của cha mẹ.",
                    "Anyone with a social-insurance code; children through a parent's app.")))
            .adoptedAt(ACTIVATED)
            .attribute("socialInsuranceCode", "Mã số BHXH", "Social-insurance code", "10 chữ số", "10 digits", null)
            .attribute("healthFacility", "Cơ sở khám chữa bệnh", "Health facility", "tối đa 200 ký tự", "at most 200 characters", CARD_USED)
            .build();

    private static final List<AttributeRule> RULES = List.of(
            AttributeRule.pattern("socialInsuranceCode", "\\d{10}", "NOT_10_DIGITS",
                    "Mã số BHXH gồm đúng 10 chữ số", "A social-insurance code is exactly 10 digits"),
            AttributeRule.text("healthFacility", 200).at(CARD_USED));

    public VssidService() {
        super(DESCRIPTOR, RULES);
    }
}
