package io.cashews.sample;

import io.cashews.annotations.Cache;
import java.util.concurrent.CompletableFuture;

/** An asynchronous service: cached without blocking a thread. */
public interface UserDirectory {

    /** The profile of the request's user; the trace id does not take part in the key. */
    @Cache(ttl = "1h", key = "profile:{request.user.uid}")
    CompletableFuture<Profile> profile(Request request);
}
