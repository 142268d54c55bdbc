package io.cashews.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    @Test
    void advancesOnlyWhenTold() {
        ManualClock clock = new ManualClock();
        long start = clock.nanoTime();
        assertThat(clock.nanoTime()).isEqualTo(start);
        clock.advance(Duration.ofMillis(1500));
        assertThat(clock.nanoTime() - start).isEqualTo(1_500_000_000L);
    }

    @Test
    void refusesToGoBack() {
        ManualClock clock = new ManualClock();
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentAdvancesAreAllCounted() {
        ManualClock clock = new ManualClock();
        long start = clock.nanoTime();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            all.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 1000; i++) {
                    clock.advance(Duration.ofNanos(1));
                }
            }));
        }
        all.forEach(CompletableFuture::join);
        assertThat(clock.nanoTime() - start).isEqualTo(8000);
    }

    @Test
    void systemClockIsMonotonic() {
        CacheClock clock = CacheClock.system();
        long first = clock.nanoTime();
        assertThat(clock.nanoTime()).isGreaterThanOrEqualTo(first);
        assertThat(CacheClock.system()).isSameAs(clock);
    }

    @Test
    void anAdvanceReachingTheDeadlineWakesAParkedThread() throws Exception {
        ManualClock clock = new ManualClock();
        long deadline = clock.nanoTime() + Duration.ofMillis(10).toNanos();
        CompletableFuture<Long> parked = CompletableFuture.supplyAsync(() -> {
            while (clock.nanoTime() - deadline < 0) {
                clock.parkUntil(this, deadline);
            }
            return clock.nanoTime();
        });
        ClockWaits.awaitWaiting(clock, 1);
        clock.advance(Duration.ofMillis(9));
        ClockWaits.awaitWaiting(clock, 1);
        assertThat(parked).isNotDone();

        clock.advance(Duration.ofMillis(1));
        assertThat(parked.get(5, TimeUnit.SECONDS)).isEqualTo(deadline);
        assertThat(clock.waiting()).isZero();
    }

    @Test
    void scheduledTasksRunInDeadlineOrderWhenReached() {
        ManualClock clock = new ManualClock();
        long now = clock.nanoTime();
        List<String> ran = new ArrayList<>();
        clock.runAt(now + 20, Runnable::run, () -> ran.add("second"));
        clock.runAt(now + 10, Runnable::run, () -> ran.add("first"));
        clock.runAt(now + 30, Runnable::run, () -> ran.add("later"));
        clock.runAt(now, Runnable::run, () -> ran.add("due"));
        assertThat(ran).containsExactly("due");
        assertThat(clock.waiting()).isEqualTo(3);

        clock.advance(Duration.ofNanos(20));
        assertThat(ran).containsExactly("due", "first", "second");
        assertThat(clock.waiting()).isEqualTo(1);
    }
}
