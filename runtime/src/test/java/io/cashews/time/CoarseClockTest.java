package io.cashews.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoarseClockTest {

    @Test
    void followsTheSystemClockWithinItsResolution() {
        CacheClock coarse = CacheClock.coarse();
        long first = coarse.nanoTime();
        long deadline = System.nanoTime() + 5_000_000_000L;
        long later = first;
        // The sampler thread moves the reading about once a millisecond; wait (bounded) until it does.
        while (later == first && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
            later = coarse.nanoTime();
        }
        assertThat(later).isGreaterThan(first);
        // Never ahead of the system clock (read after it), never far behind it (read before): a
        // sleeping sampler makes a reading exact, so only the order of the two reads matters.
        long reading = coarse.nanoTime();
        long exact = System.nanoTime();
        assertThat(reading).isLessThanOrEqualTo(exact);
        // A generous bound, since CI machines may deschedule the sampler.
        assertThat(exact - reading).isLessThan(1_000_000_000L);
    }

    @Test
    void isOneSharedInstance() {
        assertThat(CacheClock.coarse()).isSameAs(CacheClock.coarse()).hasToString("CacheClock.coarse()");
    }

    @Test
    void sleepsWhileNobodyReadsAndTheNextReadIsExact() {
        // One sample per wake-up, so the sampler parks right after each burst.
        CoarseClock clock = new CoarseClock(1, "cashews-clock-test");
        clock.nanoTime();
        awaitAsleep(clock);
        long before = System.nanoTime();
        long reading = clock.nanoTime();
        // Not the stale value of the last sample: a reading taken by the reader itself.
        assertThat(reading).isGreaterThanOrEqualTo(before).isNotEqualTo(CoarseClock.ASLEEP);
        // Only the sampler publishes ASLEEP, so seeing it again proves the read woke it.
        awaitAsleep(clock);
        assertThat(clock.nanoTime()).isGreaterThanOrEqualTo(reading);
    }

    @Test
    void neverGoesBackwardsWhileItSleepsAndWakesUnderConcurrentReaders() {
        CoarseClock clock = new CoarseClock(1, "cashews-clock-test");
        List<CompletableFuture<Long>> readers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            readers.add(CompletableFuture.supplyAsync(() -> {
                long last = clock.nanoTime();
                long wakes = 0;
                for (int i = 0; i < 200_000; i++) {
                    boolean wasAsleep = clock.asleep();
                    long reading = clock.nanoTime();
                    assertThat(reading).isNotEqualTo(CoarseClock.ASLEEP).isGreaterThanOrEqualTo(last);
                    last = reading;
                    wakes += wasAsleep ? 1 : 0;
                }
                return wakes;
            }));
        }
        long wakes = readers.stream().mapToLong(CompletableFuture::join).sum();
        // The readers did see the sampler asleep, so the wake-up path was exercised.
        assertThat(wakes).isPositive();
    }

    @Test
    void rejectsAnEmptyBurst() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new CoarseClock(0, "cashews-clock-test"))
                .withMessageContaining("burst");
    }

    // Bounded: the sampler parks within a millisecond or two of its last sample.
    private static void awaitAsleep(CoarseClock clock) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!clock.asleep() && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
        assertThat(clock.asleep()).as("sampler parked").isTrue();
    }
}
