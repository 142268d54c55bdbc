package io.cashews.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Asynchronous listeners, which the TCK does not register: every event, in order, with old values. */
class ListenersTest {

    static List<String> uris() {
        return Backends.uris().toList();
    }

    private static final class Recorder implements CacheEntryCreatedListener<String, Long>,
            CacheEntryUpdatedListener<String, Long>, CacheEntryRemovedListener<String, Long> {
        final List<String> heard = new CopyOnWriteArrayList<>();
        final CountDownLatch expected;
        final Thread caller = Thread.currentThread();
        volatile boolean onCallerThread;

        Recorder(int events) {
            expected = new CountDownLatch(events);
        }

        private void hear(Iterable<CacheEntryEvent<? extends String, ? extends Long>> events) {
            onCallerThread |= Thread.currentThread() == caller;
            for (CacheEntryEvent<? extends String, ? extends Long> event : events) {
                heard.add(event.getEventType() + " " + event.getKey() + "=" + event.getValue() + " old=" + event.getOldValue());
                expected.countDown();
            }
        }

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Long>> events) {
            hear(events);
        }

        @Override
        public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends Long>> events) {
            hear(events);
        }

        @Override
        public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends Long>> events) {
            hear(events);
        }
    }

    @ParameterizedTest
    @MethodSource("uris")
    void asynchronousListenersHearEveryEventInOrderWithOldValues(String uri) throws InterruptedException {
        Recorder recorder = new Recorder(5);
        Factory<CacheEntryListener<? super String, ? super Long>> listener = () -> recorder;
        Factory<CacheEntryEventFilter<? super String, ? super Long>> notOther = () -> event -> !event.getKey().equals("other");
        try (CacheManager manager = Backends.manager(uri)) {
            Cache<String, Long> cache = manager.createCache("heard", new MutableConfiguration<String, Long>()
                    .setTypes(String.class, Long.class)
                    .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(listener, notOther, true, false)));
            cache.put("k", 1L);
            cache.put("other", 9L);
            cache.put("k", 2L);
            cache.replace("k", 2L, 3L);
            cache.remove("k");
            cache.invoke("k", (entry, arguments) -> {
                entry.setValue(4L);
                return null;
            });
            assertThat(recorder.expected.await(10, TimeUnit.SECONDS)).as("heard %s", recorder.heard).isTrue();
            assertThat(recorder.heard).containsExactly(
                    "CREATED k=1 old=null", "UPDATED k=2 old=1", "UPDATED k=3 old=2", "REMOVED k=3 old=3", "CREATED k=4 old=null");
            assertThat(recorder.onCallerThread).isFalse();
        }
    }
}
