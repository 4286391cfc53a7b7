package vn.caunoi.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The SPI version that added a method. A plugin that overrides it needs at least that version, and
 * says so in its manifest ({@code Plugin-Requires: >=1.1.0 & <2.0.0}): an older server would never
 * call it. The build checks the first-party plugins' manifests against it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Since {
    /** A semantic version of the SPI, e.g. {@code 1.1.0}. */
    String value();
}
