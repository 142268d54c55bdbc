package io.cashews.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Deletes cached entries after the annotated method returns normally (for a
 * {@code CompletionStage} result: after it completes normally); a call that throws deletes
 * nothing.
 *
 * <pre>{@code
 * @Invalidate(value = {"items:page:*", "user:{user.id}"}, tags = "page:{page}")
 * void save(User user, int page);
 * }</pre>
 *
 * Templates use the method's parameters as key templates do, and are checked at compile time. A
 * rendered key containing {@code *} is a glob pattern and deletes every matching key
 * ({@code deleteMatch}); otherwise the one key is deleted. Each rendered tag deletes every key
 * stored with it ({@code deleteTags}). At least one key or tag is required.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Invalidate {

    /** Key templates or glob patterns (with {@code *}) to delete. */
    String[] value() default {};

    /** Tag templates whose keys to delete. */
    String[] tags() default {};
}
