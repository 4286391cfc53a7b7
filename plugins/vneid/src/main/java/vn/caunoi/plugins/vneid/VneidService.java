package vn.caunoi.plugins.vneid;

import org.pf4j.Extension;
import vn.caunoi.spi.AttributeRule;
import vn.caunoi.spi.Eligibility;
import vn.caunoi.spi.FieldResolver;
import vn.caunoi.spi.LocalizedText;
import vn.caunoi.spi.RuleCheckedService;
import vn.caunoi.spi.SchemaContribution;
import vn.caunoi.spi.ServiceDescriptor;
import vn.caunoi.spi.Stage;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * VNeID, the electronic identification account of the Ministry of Public Security (Decree
 * 69/2024/ND-CP). Level 1 is registered in the app against the national population database; level 2
 * needs the citizen in person at the police (portrait and fingerprints); documents (health-insurance
 * card, driving licence, …) can then be integrated into the account.
 */
@Extension
public class VneidService extends RuleCheckedService {

    static final String LEVEL_1 = "LEVEL_1_ACTIVATED";
    static final String LEVEL_2 = "LEVEL_2_ACTIVATED";
    static final String DOCUMENTS = "DOCUMENTS_INTEGRATED";

    private static final ServiceDescriptor DESCRIPTOR = ServiceDescriptor.builder("vneid")
            .name("Tài khoản định danh điện tử VNeID", "VNeID electronic identification account")
            .description("Tài khoản định danh điện tử của Bộ Công an, dùng để đăng nhập dịch vụ công và thay giấy tờ.",
                    "The Ministry of Public Security's electronic identity, used to log in to public services and instead of paper documents.")
            .stage(Stage.of(LEVEL_1, "Kích hoạt tài khoản mức 1", "Level 1 account activated",
                    "Đăng ký trên ứng dụng VNeID, đối chiếu với Cơ sở dữ liệu quốc gia về dân cư.",
                    "Registered in the VNeID app and matched against the national population database."))
            .stage(Stage.of(LEVEL_2, "Kích hoạt tài khoản mức 2", "Level 2 account activated",
                    "Xác thực trực tiếp tại cơ quan Công an (ảnh chân dung, vân tay), rồi kích hoạt trên ứng dụng.",
                    "Verified in person by the police (portrait, fingerprints), then activated in the app."))
            .stage(Stage.of(DOCUMENTS, "Tích hợp giấy tờ", "Documents integrated",
                    "Đã tích hợp ít nhất một giấy tờ (thẻ BHYT, giấy phép lái xe, …) vào tài khoản mức 2.",
                    "At least one document (health-insurance card, driving licence, …) integrated into the level 2 account."))
            .eligibility(Eligibility.personsFrom(14, LocalizedText.of(
                    "Công dân Việt Nam từ 14 tuổi; mức 2 phải xác thực trực tiếp tại Công an. Dưới 14 tuổi đăng ký qua tài khoản của cha mẹ.",
                    "Vietnamese citizens from 14; level 2 needs in-person verification by the police. Under 14: through a parent's account.")))
            .adoptedAt(LEVEL_2)
            .attribute("verificationPlace", "Nơi xác thực", "Where verified", "COMMUNE_POLICE, DISTRICT_POLICE, PROVINCIAL_POLICE hoặc MOBILE_TEAM",
                    "COMMUNE_POLICE, DISTRICT_POLICE, PROVINCIAL_POLICE or MOBILE_TEAM", LEVEL_2)
            .attribute("document", "Giấy tờ tích hợp", "Document integrated", "HEALTH_INSURANCE_CARD, DRIVING_LICENCE, VEHICLE_REGISTRATION, TAX_CODE hoặc SOCIAL_INSURANCE_BOOK",
                    "HEALTH_INSURANCE_CARD, DRIVING_LICENCE, VEHICLE_REGISTRATION, TAX_CODE or SOCIAL_INSURANCE_BOOK", DOCUMENTS)
            .attribute("device", "Thiết bị", "Device", "ANDROID hoặc IOS", "ANDROID or IOS", null)
            .build();

    private static final List<AttributeRule> RULES = List.of(
            AttributeRule.oneOf("verificationPlace", List.of("COMMUNE_POLICE", "DISTRICT_POLICE", "PROVINCIAL_POLICE", "MOBILE_TEAM"))
                    .at(LEVEL_2).required(),
            AttributeRule.oneOf("document", List.of("HEALTH_INSURANCE_CARD", "DRIVING_LICENCE", "VEHICLE_REGISTRATION", "TAX_CODE",
                    "SOCIAL_INSURANCE_BOOK")).at(DOCUMENTS).required(),
            AttributeRule.oneOf("device", List.of("ANDROID", "IOS")));

    public VneidService() {
        super(DESCRIPTOR, RULES);
    }

    /**
     * A level 2 account can be locked or downgraded (a lost phone, a changed SIM card, a suspected
     * takeover): the status then goes back to level 1 until it is verified again.
     */
    @Override
    public boolean allowsStepBack(String fromStage, String toStage) {
        return LEVEL_1.equals(toStage) && (LEVEL_2.equals(fromStage) || DOCUMENTS.equals(fromStage));
    }

    /** Adds {@code DigitalService.vneidLevel2Verification}: what level 2 asks of a citizen. */
    @Override
    public Optional<SchemaContribution> schema() {
        FieldResolver verification = context -> context.source() instanceof ServiceDescriptor d && d.code().equals("vneid")
                ? Map.of("inPerson", true,
                "where", "Công an cấp xã nơi cư trú, hoặc tổ lưu động / Commune police of residence, or a mobile team",
                "documents", List.of("Thẻ căn cước gắn chíp / Chip-based citizen identity card", "Số điện thoại chính chủ / A phone number in one's own name"))
                : null;
        return Optional.of(new SchemaContribution("graphql/vneid.graphqls",
                Map.of("DigitalService", Map.of("vneidLevel2Verification", verification))));
    }
}
