package vn.caunoi.core.digital;

import vn.caunoi.spi.Eligibility;

/** A catalogue row of a digital service. */
final class ServiceRow {
    public String code;
    public String nameVi;
    public String nameEn;
    public String descriptionVi;
    public String descriptionEn;
    public Eligibility.Subject subject;
    public int minimumAge;
    public Integer maximumAge;
    public String eligibilityNoteVi;
    public String eligibilityNoteEn;
    public String adoptedStage;
    public String pluginId;
    public String pluginVersion;
}
