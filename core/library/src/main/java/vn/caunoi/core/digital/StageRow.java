package vn.caunoi.core.digital;

/** A stage of a digital service in the catalogue. */
final class StageRow {
    public String serviceCode;
    public int position;
    public String code;
    public String nameVi;
    public String nameEn;
    public String descriptionVi;
    public String descriptionEn;
}
