package com.example;

import io.cashews.Cashews;
import io.cashews.KeyContext;
import io.cashews.NotNullCondition;
import io.cashews.ProxyFactory;
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

/** A caching proxy for {@link UserService}. */
@Generated("io.cashews.processor.CashewsProcessor")
public final class UserService_Cached implements UserService {
    private static final ValueType<?> USER_TYPE = ValueType.of(0xd208c151ed57ca53L, UserService.User.class);
    private static final ValueType<?> LONG_TYPE = ValueType.of(long.class);
    private static final ValueType<?> STRING_TYPE = ValueType.of(String.class);
    private static final ValueType<?> VOID_TYPE = ValueType.of(Void.class);

    static {
        ValueTypes.allow(UserService.User.class, UserService.Address.class);
    }

    private final UserService delegate;
    private final CacheMethod current;
    private final CacheMethod count;
    private final CacheMethod status;
    private final CacheMethod warm;

    /** Caches the results of {@code delegate} in {@code cache}. */
    public UserService_Cached(UserService delegate, Cashews cache) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(cache, "cache");
        this.current = CacheMethod.of(cache, "user:{request.address.city}:{kind}:{name:lower}:{@:get(tenant)}",
                10_800_000L, USER_TYPE);
        this.count = CacheMethod.builder(cache, "v1:com.example.UserService.count:page:{page}:filter:{filter}")
                .ttlMillis(600_000L).timeConditionMillis(100L).condition(new NotNullCondition())
                .lock(true).protect(false).valueType(LONG_TYPE).build();
        this.status = CacheMethod.of(cache, "status:{key}", 3_600_000L, STRING_TYPE);
        this.warm = CacheMethod.of(cache, "tags:{tags}", 3_600_000L, VOID_TYPE);
    }

    /** Caches the results of {@code delegate} in {@link Cashews#defaultCache()}. */
    public UserService_Cached(UserService delegate) {
        this(delegate, Cashews.defaultCache());
    }

    @Override
    public UserService.User current(UserService.User request, UserService.Kind kind, String name)
            throws IOException {
        var address = request == null ? null : request.address();
        var key = "user:" + Keys.escape(address == null ? null : address.city()) + ":" +
                Keys.render(kind) + ":" + Keys.lower(name) + ":" +
                Keys.render(KeyContext.get("tenant"));
        var hit = current.lookup(key);
        return hit != CacheMethod.MISS ? (UserService.User) hit
                : current.<UserService.User, IOException>load(key, null,
                () -> delegate.current(request, kind, name));
    }

    @Override
    public long count(int page, Map<String, Integer> filter) throws IOException, SQLException {
        var key = "v1:com.example.UserService.count:page:" + page + ":filter:" +
                Keys.render(filter);
        var hit = count.lookup(key);
        if (hit != CacheMethod.MISS) {
            return (Long) hit;
        }
        try {
            return count.<Long, Exception>load(key, new Object[] {page, filter},
                    () -> delegate.count(page, filter));
        } catch (RuntimeException | IOException | SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    @Override
    public CompletableFuture<String> status(String key, String sb) throws IOException {
        var key_ = "status:" + Keys.escape(key);
        return status.<String>callAsync(key_, null, () -> {
                    try {
                        return delegate.status(key, sb);
                    } catch (IOException e) {
                        return CompletableFuture.failedFuture(e);
                    }
                });
    }

    @Override
    public CompletionStage<Void> warm(String... tags) {
        var key = "tags:" + Keys.render(tags);
        return warm.<Void>callAsync(key, null, () -> delegate.warm(tags));
    }

    @Override
    public String plain(int x) {
        return delegate.plain(x);
    }

    @Override
    public void reset() {
        delegate.reset();
    }

    /** Makes {@link UserService_Cached} proxies; found by {@link java.util.ServiceLoader}. */
    public static final class Factory implements ProxyFactory<UserService> {
        /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
        public Factory() {
        }

        @Override
        public Class<UserService> type() {
            return UserService.class;
        }

        @Override
        public Class<? extends UserService> proxyType() {
            return UserService_Cached.class;
        }

        @Override
        public UserService wrap(UserService delegate, Cashews cache) {
            return new UserService_Cached(delegate, cache);
        }
    }
}
