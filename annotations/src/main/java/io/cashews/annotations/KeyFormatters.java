package io.cashews.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names classes whose {@link KeyFormatter @KeyFormatter} methods the key templates of this
 * interface (and of the types nested in it) may use. The classes may be compiled elsewhere, for
 * example in a library jar.
 *
 * <pre>{@code
 * @KeyFormatters(MyFormatters.class)
 * public interface UserService {
 *     @Cache(ttl = "1h", key = "user:{name:prefix(3)}")
 *     User find(String name);
 * }
 * }</pre>
 *
 * <p>Every class named must declare at least one {@code @KeyFormatter} method; two classes
 * declaring one name make a template that uses the name ambiguous, which is a compile error.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface KeyFormatters {

    /** The classes declaring {@code @KeyFormatter} methods. */
    Class<?>[] value();
}
