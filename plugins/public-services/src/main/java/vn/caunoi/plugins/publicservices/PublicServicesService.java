package vn.caunoi.plugins.publicservices;

import org.pf4j.Extension;
import vn.caunoi.spi.AttributeRule;
import vn.caunoi.spi.Eligibility;
import vn.caunoi.spi.LocalizedText;
import vn.caunoi.spi.RuleCheckedService;
import vn.caunoi.spi.ServiceDescriptor;
import vn.caunoi.spi.Stage;

import java.util.List;

/** Online public services on the National Public Service Portal or a province's portal. */
@Extension
public class PublicServicesService extends RuleCheckedService {

    static final String LINKED = "ACCOUNT_LINKED";
    static final String SUBMITTED = "FIRST_APPLICATION_SUBMITTED";

    private static final ServiceDescriptor DESCRIPTOR = ServiceDescriptor.builder("public-services")
            .name("Dịch vụ công trực tuyến", "Online public services")
            .description("Nộp hồ sơ thủ tục hành chính trực tuyến trên Cổng Dịch vụ công quốc gia hoặc của tỉnh.",
                    "Submitting administrative applications online on the National Public Service Portal or a province's portal.")
            .stage(Stage.of(LINKED, "Đã liên kết tài khoản", "Account linked",
                    "Đăng nhập Cổng Dịch vụ công bằng tài khoản VNeID.", "Logged in to the public service portal with VNeID."))
            .stage(Stage.of(SUBMITTED, "Đã nộp hồ sơ trực tuyến lần đầu", "First application submitted online"))
            .eligibility(Eligibility.personsFrom(14, LocalizedText.of(
                    "Cần tài khoản VNeID (từ 14 tuổi).", "Needs a VNeID account (from 14).")))
            .adoptedAt(SUBMITTED)
            .attribute("portal", "Cổng", "Portal", "NATIONAL hoặc PROVINCIAL", "NATIONAL or PROVINCIAL", null)
            .attribute("procedureCode", "Mã thủ tục", "Procedure code", "mã trong Cơ sở dữ liệu quốc gia về TTHC, ví dụ 1.001612",
                    "code in the national database of procedures, e.g. 1.001612", SUBMITTED)
            .build();

    private static final List<AttributeRule> RULES = List.of(
            AttributeRule.oneOf("portal", List.of("NATIONAL", "PROVINCIAL")),
            AttributeRule.pattern("procedureCode", "\\d\\.\\d{6}", "NOT_A_PROCEDURE_CODE",
                    "Mã thủ tục có dạng 1.001612", "A procedure code looks like 1.001612").at(SUBMITTED));

    public PublicServicesService() {
        super(DESCRIPTOR, RULES);
    }
}
