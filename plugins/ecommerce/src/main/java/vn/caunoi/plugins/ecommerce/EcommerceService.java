package vn.caunoi.plugins.ecommerce;

import org.pf4j.Extension;
import vn.caunoi.spi.AttributeRule;
import vn.caunoi.spi.Eligibility;
import vn.caunoi.spi.LocalizedText;
import vn.caunoi.spi.RuleCheckedService;
import vn.caunoi.spi.ServiceDescriptor;
import vn.caunoi.spi.Stage;

import java.util.List;

/**
 * Local producers (households, cooperatives) selling their products on e-commerce platforms,
 * including the postal platforms Postmart and Voso that the campaigns promote for OCOP products.
 */
@Extension
public class EcommerceService extends RuleCheckedService {

    static final String REGISTERED = "SELLER_REGISTERED";
    static final String LISTED = "FIRST_PRODUCT_LISTED";
    static final String ORDER = "FIRST_ORDER";

    private static final ServiceDescriptor DESCRIPTOR = ServiceDescriptor.builder("ecommerce")
            .name("Thương mại điện tử cho sản phẩm địa phương", "E-commerce for local products")
            .description("Hộ sản xuất đưa sản phẩm địa phương (OCOP, nông sản) lên sàn thương mại điện tử.",
                    "Producer households put local products (OCOP, farm produce) on e-commerce platforms.")
            .stage(Stage.of(REGISTERED, "Đã đăng ký gian hàng", "Seller registered"))
            .stage(Stage.of(LISTED, "Đã đăng sản phẩm đầu tiên", "First product listed"))
            .stage(Stage.of(ORDER, "Đã có đơn hàng đầu tiên", "First order received"))
            .eligibility(Eligibility.households(LocalizedText.of(
                    "Hộ gia đình, tổ hợp tác, hợp tác xã có sản phẩm; người đại diện từ 18 tuổi.",
                    "Households, cooperative groups and cooperatives with products; a representative aged 18 or more.")))
            .adoptedAt(LISTED)
            .attribute("platform", "Sàn", "Platform", "POSTMART, VOSO, SHOPEE, LAZADA, TIKI, TIKTOK_SHOP hoặc OTHER",
                    "POSTMART, VOSO, SHOPEE, LAZADA, TIKI, TIKTOK_SHOP or OTHER", REGISTERED)
            .attribute("ocopStars", "Số sao OCOP", "OCOP stars", "3, 4 hoặc 5", "3, 4 or 5", LISTED)
            .attribute("productCategory", "Nhóm sản phẩm", "Product category", "tối đa 100 ký tự", "at most 100 characters", LISTED)
            .build();

    private static final List<AttributeRule> RULES = List.of(
            AttributeRule.oneOf("platform", List.of("POSTMART", "VOSO", "SHOPEE", "LAZADA", "TIKI", "TIKTOK_SHOP", "OTHER"))
                    .at(REGISTERED).required(),
            AttributeRule.pattern("ocopStars", "[345]", "NOT_OCOP_STARS", "OCOP xếp hạng 3, 4 hoặc 5 sao", "OCOP ratings are 3, 4 or 5 stars").at(LISTED),
            AttributeRule.text("productCategory", 100).at(LISTED));

    public EcommerceService() {
        super(DESCRIPTOR, RULES);
    }
}
