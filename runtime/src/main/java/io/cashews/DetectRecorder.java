package io.cashews;

import io.cashews.base.HitSink;
import io.cashews.base.ThreadScopes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One detect scope of {@link Cashews#detect()}: what it recorded, readable from any thread. */
final class DetectRecorder implements Detect, HitSink {

    private final Cashews cache;
    private final Map<String, List<DetectCall>> calls = new LinkedHashMap<>();
    private boolean closed;
    private ThreadScopes.@Nullable Frame frame;

    private DetectRecorder(Cashews cache) {
        this.cache = cache;
    }

    /**
     * Opens a detect scope for {@code cache} on the current thread.
     *
     * @param cache the instance whose hits are recorded
     * @return the scope
     */
    static Detect open(Cashews cache) {
        DetectRecorder recorder = new DetectRecorder(cache);
        recorder.frame = ThreadScopes.open(KIND, recorder);
        return recorder;
    }

    @Override
    public void hit(Object source, String strategy, String key, String template, @Nullable Duration ttl,
            @Nullable Object value, Map<String, Object> details) {
        if (source == cache) {
            record(new DetectCall(strategy, key, template, ttl, value, details));
        }
    }

    private synchronized void record(DetectCall call) {
        if (!closed) {
            calls.computeIfAbsent(call.key(), k -> new ArrayList<>()).add(call);
        }
    }

    @Override
    public synchronized Map<String, List<DetectCall>> calls() {
        Map<String, List<DetectCall>> copy = new LinkedHashMap<>();
        calls.forEach((key, list) -> copy.put(key, List.copyOf(list)));
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        ThreadScopes.Frame opened = frame;
        if (opened != null) {
            opened.close();
        }
    }

    @Override
    public String toString() {
        return "Detect" + calls();
    }
}
