package io.cashews.spring;

import io.cashews.Cashews;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on {@code disk://}, in a fresh directory per test. */
class DiskSpringCacheTest extends SpringCacheContract {

    @TempDir
    Path directory;

    @Override
    Cashews newCashews() {
        return Cashews.create("disk://?directory=" + directory + "&shards=2&suppress=false");
    }
}
