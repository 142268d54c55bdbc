package com.example;

import io.cashews.Cashews;
import io.cashews.KeyContext;
import io.cashews.NotNullCondition;
import io.cashews.codec.ValueType;
import io.cashews.codec.ValueTypes;
import io.cashews.internal.CacheMethod;
import io.cashews.internal.Keys;
import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.Generated;

/**
 * A caching proxy for {@link UserService}: cached methods consult the cache before calling the
 * delegate, the others call it directly.
 */
@Generated("io.cashews.processor.CashewsProcessor")
public final class UserService_Cached implements UserService {
    private static final long CURRENT_TTL = 10800000L;

    private static final ValueType<?> USER_TYPE = ValueType.of(UserService.User.class);

    private static final long COUNT_TTL = 600000L;

    private static final long COUNT_TIME_CONDITION = 100L;

    private static final ValueType<?> LONG_TYPE = ValueType.of(Long.class);

    private static final long STATUS_TTL = 3600000L;

    private static final ValueType<?> STRING_TYPE = ValueType.of(String.class);

    private static final long WARM_TTL = 3600000L;

    private static final ValueType<?> VOID_TYPE = ValueType.of(Void.class);

    static {
        ValueTypes.allow(UserService.User.class);
    }

    private final UserService delegate;

    private final Cashews cache;

    private final CacheMethod current;

    private final CacheMethod count;

    private final CacheMethod status;

    private final CacheMethod warm;

    /**
     * Creates a proxy that caches in {@code cache}.
     *
     * @param delegate the implementation that computes the values
     * @param cache the cache instance to store them in
     */
    public UserService_Cached(UserService delegate, Cashews cache) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.current = CacheMethod.builder(this.cache, "user:{request.address.city}:{kind}:{name:lower}:{@:get(tenant)}").ttlMillis(CURRENT_TTL).valueType(USER_TYPE).build();
        this.count = CacheMethod.builder(this.cache, "v1:com.example.UserService.count:page:{page}:filter:{filter}").ttlMillis(COUNT_TTL).timeConditionMillis(COUNT_TIME_CONDITION).condition(new NotNullCondition()).lock(true).protect(false).valueType(LONG_TYPE).build();
        this.status = CacheMethod.builder(this.cache, "status:{key}").ttlMillis(STATUS_TTL).valueType(STRING_TYPE).build();
        this.warm = CacheMethod.builder(this.cache, "tags:{tags}").ttlMillis(WARM_TTL).valueType(VOID_TYPE).build();
    }

    /**
     * Creates a proxy that caches in {@link Cashews#defaultCache()}.
     *
     * @param delegate the implementation that computes the values
     */
    public UserService_Cached(UserService delegate) {
        this(delegate, Cashews.defaultCache());
    }

    @Override
    public UserService.User current(UserService.User request, UserService.Kind kind, String name)
            throws IOException {
        String key = "user:" + keyPart$current$0(request) + ":" + Keys.render(kind) + ":" +
                Keys.lower(String.valueOf(name)) + ":" + Keys.render(KeyContext.get("tenant"));
        Object hit = this.current.lookup(key);
        if (hit != CacheMethod.MISS) {
            return CacheMethod.<UserService.User>value(hit);
        }
        return this.current.<UserService.User, IOException>load(key, null, () -> this.delegate.current(request, kind, name));
    }

    @Override
    public long count(int page, Map<String, Integer> filter) throws IOException, SQLException {
        String key = "v1:com.example.UserService.count:page:" + page + ":filter:" +
                Keys.render(filter);
        Object hit = this.count.lookup(key);
        if (hit != CacheMethod.MISS) {
            return CacheMethod.<Long>value(hit);
        }
        Object[] args = new Object[] {page, filter};
        try {
            return this.count.<Long, Exception>load(key, args, () -> this.delegate.count(page, filter));
        } catch (RuntimeException | IOException | SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    @Override
    public CompletableFuture<String> status(String key, String sb) throws IOException {
        String key_ = "status:" + key;
        return this.status.callAsync(key_, null, () -> {
                    try {
                        return this.delegate.status(key, sb);
                    } catch (IOException e) {
                        return CompletableFuture.failedFuture(e);
                    }
                });
    }

    @Override
    public CompletionStage<Void> warm(String... tags) {
        String key = "tags:" + Keys.render(tags);
        return this.warm.callAsync(key, null, () -> this.delegate.warm(tags));
    }

    @Override
    public String plain(int x) {
        return this.delegate.plain(x);
    }

    @Override
    public void reset() {
        this.delegate.reset();
    }

    private static String keyPart$current$0(UserService.User value) {
        if (value == null) {
            return "null";
        }
        var v1 = value.address();
        if (v1 == null) {
            return "null";
        }
        var v2 = v1.city();
        return String.valueOf(v2);
    }
}
