package io.cashews.time;

import static org.assertj.core.api.Assertions.assertThat;

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
        long exact = System.nanoTime();
        assertThat(coarse.nanoTime()).isLessThanOrEqualTo(exact);
        // Never far behind: a generous bound, since CI machines may deschedule the sampler.
        assertThat(exact - coarse.nanoTime()).isLessThan(1_000_000_000L);
    }

    @Test
    void isOneSharedInstance() {
        assertThat(CacheClock.coarse()).isSameAs(CacheClock.coarse()).hasToString("CacheClock.coarse()");
    }
}
