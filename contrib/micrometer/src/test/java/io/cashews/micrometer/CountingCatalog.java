package io.cashews.micrometer;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** The delegate: counts its calls and fails every call while {@link #failing} is set. */
final class CountingCatalog implements Catalog {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicBoolean failing = new AtomicBoolean();

    private String answer(String what, String id) {
        int call = calls.incrementAndGet();
        if (failing.get()) {
            throw new UncheckedIOException(new IOException("source down"));
        }
        return what + " " + id + " #" + call;
    }

    @Override
    public String item(String id) {
        return answer("item", id);
    }

    @Override
    public CompletableFuture<String> itemAsync(String id) {
        return CompletableFuture.completedFuture(answer("item", id));
    }

    @Override
    public String locked(String id) {
        return answer("locked", id);
    }

    @Override
    public String early(String id) {
        return answer("early", id);
    }

    @Override
    public String soft(String id) {
        return answer("soft", id);
    }

    @Override
    public String failover(String id) {
        return answer("failover", id);
    }

    @Override
    public String limited(String id) {
        return answer("limited", id);
    }

    @Override
    public String sliced(String id) {
        return answer("sliced", id);
    }

    @Override
    public String guarded(String id) {
        return answer("guarded", id);
    }

    @Override
    public boolean known(String id) {
        calls.incrementAndGet();
        return true;
    }

    @Override
    public boolean add(String id) {
        calls.incrementAndGet();
        return true;
    }

    @Override
    public String popular(String id) {
        return answer("popular", id);
    }

    @Override
    public CompletableFuture<String> earlyAsync(String id) {
        try {
            return CompletableFuture.completedFuture(answer("early", id));
        } catch (UncheckedIOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<String> guardedAsync(String id) {
        try {
            return CompletableFuture.completedFuture(answer("guarded", id));
        } catch (UncheckedIOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void forget(String id) {
        calls.incrementAndGet();
    }
}
