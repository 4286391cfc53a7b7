package vn.caunoi.core.store;

/** A stage of a digital service in the catalogue. */
public final class StageRow {
    public String serviceCode;
    public int position;
    public String code;
    public String nameVi;
    public String nameEn;
    public String descriptionVi;
    public String descriptionEn;
}
