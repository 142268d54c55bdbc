package io.cashews.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The strategy models of the guarding annotations, which store no value but decide whether a
 * call may run: {@code @Locked}, {@code @RateLimit}, {@code @SliceRateLimit} and
 * {@code @CircuitBreaker}. Each is one {@link DecoratorStrategy} layer whose runtime object is
 * built with its builder in the proxy's constructor.
 */
final class GuardStrategies {
    private GuardStrategies() {}

    private static final String INTERNAL = "io.cashews.internal";

    /** A guard that may answer refused calls with a fallback, which needs the call's arguments. */
    private interface WithFallback extends DecoratorStrategy {
        @Nullable FallbackPlan fallback();

        @Override
        default boolean needsArguments() {
            return fallback() != null;
        }

        /** Ends the builder chain {@code code}: the fallback when there is one, then {@code build()}. */
        default CodeBlock build(CodeBlock.Builder code, MethodModel method, String annotation, ClassContext context) {
            if (fallback() != null) {
                code.add(".fallback($L)", fallback().reference(method, annotation, context));
            }
            return code.add(".build()").build();
        }
    }

    /** The start of a rate limiter's builder chain: both kinds take a limit per period. */
    private static CodeBlock.Builder limiter(ClassName type, String template, int limit, long periodMillis) {
        return CodeBlock.builder()
                .add("$T.builder(this.cache, $S).limit($L).periodMillis($LL)", type, template, limit, periodMillis);
    }

    /** {@code @Locked}: lock TTL, whether to wait, and the pause between attempts (0: growing default). */
    record Locked(String template, KeyPlan key, long ttlMillis, boolean waitForLock, long checkIntervalMillis)
            implements DecoratorStrategy {
        @Override
        public ClassName runtimeType() {
            return ClassName.get(INTERNAL, "LockedMethod");
        }

        @Override
        public CodeBlock create(MethodModel method, ClassContext context) {
            CodeBlock.Builder code = CodeBlock.builder()
                    .add("$T.builder(this.cache, $S).ttlMillis($LL)", runtimeType(), template, ttlMillis);
            if (!waitForLock) {
                code.add(".waitForLock(false)");
            }
            if (checkIntervalMillis > 0) {
                code.add(".checkIntervalMillis($LL)", checkIntervalMillis);
            }
            return code.add(".build()").build();
        }

        @Override
        public boolean needsArguments() {
            return false;
        }
    }

    /** {@code @RateLimit}: a fixed window with an optional ban (0: none) and fallback. */
    record RateLimit(String template, KeyPlan key, int limit, long periodMillis, long banMillis,
            @Nullable FallbackPlan fallback) implements WithFallback {
        @Override
        public ClassName runtimeType() {
            return ClassName.get(INTERNAL, "RateLimitMethod");
        }

        @Override
        public CodeBlock create(MethodModel method, ClassContext context) {
            CodeBlock.Builder code = limiter(runtimeType(), template, limit, periodMillis);
            if (banMillis > 0) {
                code.add(".banMillis($LL)", banMillis);
            }
            return build(code, method, "RateLimit", context);
        }
    }

    /** {@code @SliceRateLimit}: a sliding window with an optional fallback. */
    record SliceRateLimit(String template, KeyPlan key, int limit, long periodMillis, @Nullable FallbackPlan fallback)
            implements WithFallback {
        @Override
        public ClassName runtimeType() {
            return ClassName.get(INTERNAL, "SliceRateLimitMethod");
        }

        @Override
        public CodeBlock create(MethodModel method, ClassContext context) {
            return build(limiter(runtimeType(), template, limit, periodMillis), method, "SliceRateLimit", context);
        }
    }

    /** {@code @CircuitBreaker}: thresholds, times (half-open 0: none), counted exceptions and fallback. */
    record CircuitBreaker(String template, KeyPlan key, int errorsRate, long periodMillis, long ttlMillis,
            long halfOpenTtlMillis, int minCalls, List<ClassName> exceptions, @Nullable FallbackPlan fallback)
            implements WithFallback {
        CircuitBreaker {
            exceptions = List.copyOf(exceptions);
        }

        @Override
        public ClassName runtimeType() {
            return ClassName.get(INTERNAL, "CircuitBreakerMethod");
        }

        @Override
        public CodeBlock create(MethodModel method, ClassContext context) {
            CodeBlock.Builder code = CodeBlock.builder()
                    .add("$T.builder(this.cache, $S).errorsRate($L).periodMillis($LL).ttlMillis($LL)", runtimeType(),
                            template, errorsRate, periodMillis, ttlMillis);
            if (halfOpenTtlMillis > 0) {
                code.add(".halfOpenTtlMillis($LL)", halfOpenTtlMillis);
            }
            if (minCalls != 1) {
                code.add(".minCalls($L)", minCalls);
            }
            if (!exceptions.isEmpty()) {
                code.add(".exceptions(");
                for (int i = 0; i < exceptions.size(); i++) {
                    code.add(i == 0 ? "$T.class" : ", $T.class", exceptions.get(i));
                }
                code.add(")");
            }
            return build(code, method, "CircuitBreaker", context);
        }
    }
}
