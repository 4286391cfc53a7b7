package vn.caunoi.plugins.epayment;

import org.pf4j.Extension;
import vn.caunoi.spi.AttributeRule;
import vn.caunoi.spi.Eligibility;
import vn.caunoi.spi.LocalizedText;
import vn.caunoi.spi.RuleCheckedService;
import vn.caunoi.spi.ServiceDescriptor;
import vn.caunoi.spi.Stage;

import java.util.List;

/** Electronic payment accounts: a bank account with online banking, an e-wallet or Mobile Money. */
@Extension
public class EpaymentService extends RuleCheckedService {

    static final String OPENED = "ACCOUNT_OPENED";
    static final String FIRST_PAYMENT = "FIRST_PAYMENT";

    private static final ServiceDescriptor DESCRIPTOR = ServiceDescriptor.builder("epayment")
            .name("Tài khoản thanh toán điện tử", "Electronic payment account")
            .description("Tài khoản ngân hàng có ngân hàng số, ví điện tử hoặc Mobile Money, dùng để thanh toán không tiền mặt.",
                    "A bank account with digital banking, an e-wallet or Mobile Money, used to pay without cash.")
            .stage(Stage.of(OPENED, "Đã mở tài khoản", "Account opened"))
            .stage(Stage.of(FIRST_PAYMENT, "Đã thanh toán lần đầu", "First payment made",
                    "Đã tự thực hiện ít nhất một giao dịch thanh toán.", "Made at least one payment on their own."))
            .eligibility(Eligibility.personsFrom(15, LocalizedText.of(
                    "Từ 15 tuổi được tự mở tài khoản thanh toán; dưới 15 tuổi qua người đại diện.",
                    "From 15 one may open a payment account alone; under 15 through a legal representative.")))
            .adoptedAt(FIRST_PAYMENT)
            .attribute("providerType", "Loại tài khoản", "Kind of account", "BANK, E_WALLET hoặc MOBILE_MONEY", "BANK, E_WALLET or MOBILE_MONEY", OPENED)
            .attribute("provider", "Nhà cung cấp", "Provider", "tối đa 100 ký tự", "at most 100 characters", null)
            .attribute("purpose", "Mục đích", "Purpose", "PUBLIC_SERVICE_FEE, UTILITY_BILL, TUITION, HEALTH, SHOPPING, TRANSFER hoặc OTHER",
                    "PUBLIC_SERVICE_FEE, UTILITY_BILL, TUITION, HEALTH, SHOPPING, TRANSFER or OTHER", FIRST_PAYMENT)
            .build();

    private static final List<AttributeRule> RULES = List.of(
            AttributeRule.oneOf("providerType", List.of("BANK", "E_WALLET", "MOBILE_MONEY")).at(OPENED).required(),
            AttributeRule.text("provider", 100),
            AttributeRule.oneOf("purpose", List.of("PUBLIC_SERVICE_FEE", "UTILITY_BILL", "TUITION", "HEALTH", "SHOPPING", "TRANSFER", "OTHER"))
                    .at(FIRST_PAYMENT));

    public EpaymentService() {
        super(DESCRIPTOR, RULES);
    }
}
