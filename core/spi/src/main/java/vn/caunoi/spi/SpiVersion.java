package vn.caunoi.spi;

/**
 * The version of this SPI, semantic: a plugin declares the versions it works with in its manifest
 * ({@code Plugin-Requires: >=1.0.0 & <2.0.0}) and the server refuses it at load time otherwise.
 * Minor versions only add (new default methods, new optional fields); a major version may break.
 */
public final class SpiVersion {

    public static final String CURRENT = "1.1.0";

    private SpiVersion() {
    }
}
