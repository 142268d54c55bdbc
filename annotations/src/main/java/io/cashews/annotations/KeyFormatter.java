package io.cashews.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a custom key formatter: a {@code public static} method that key templates call by
 * {@link #value() name}, as in {@code {name:prefix(3)}}.
 *
 * <pre>{@code
 * public final class MyFormatters {
 *     @KeyFormatter("prefix")
 *     public static String prefix(String text, String length) {
 *         return text.substring(0, Math.min(text.length(), Integer.parseInt(length)));
 *     }
 * }
 * }</pre>
 *
 * <p>The method returns {@code String} and takes the placeholder's rendered text first, then the
 * template's arguments, as text: {@code (String text)} for no arguments, {@code (String text,
 * String a, String b)} for exactly two, {@code (String text, String... args)} (after any fixed
 * ones) for a variable number. It may not be generic or declare checked exceptions, and its
 * class, and every class enclosing it, must be public. The generated proxy calls it directly
 * ({@code MyFormatters.prefix(text, "3")}); there is no lookup at run time.
 *
 * <p>A template sees the formatters declared in the same compilation, the static formatter
 * methods of the interface declaring the annotated method (and of the types enclosing it), and
 * those of the classes named by {@link KeyFormatters @KeyFormatters} on that interface or an
 * enclosing type; the last is how formatters compiled elsewhere (in a jar) are used, and it is
 * also the form that stays correct under incremental compilation, which may compile an interface
 * without the other sources of its module. Names are unique per compilation and may not be a
 * built-in formatter's ({@code lower}, {@code upper}, {@code len}, {@code hash}, {@code jwt},
 * {@code get}); the processor reports every misuse as a compile error.
 *
 * <p>Class retention, so that the processor can read the annotation from compiled classes.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface KeyFormatter {

    /** The name templates use, a Java identifier such as {@code "prefix"}. */
    String value();
}
