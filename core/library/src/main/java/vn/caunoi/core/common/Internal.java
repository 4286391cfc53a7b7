package vn.caunoi.core.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class that core's features use to work together inside one transaction, and that is not
 * part of the library's API: it takes no actor and checks no access (its caller did). Java cannot
 * hide it from other packages; the architecture test keeps the api module and the examples away
 * from it, and an embedding application should be too. It may change in any release.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Internal {
}
