package io.cashews.disk;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child-process seam works: what a child JVM acknowledged, this one reads back from the directory. */
class DiskChildTest {

    @TempDir
    Path dir;

    @Test
    void whatAChildAcknowledgedReadsBackHere() throws Exception {
        String url = "disk://" + dir + "?shards=4&suppress=false";
        Process child = DiskChild.start(url, "set", "child:", "100");
        List<String> lines;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            lines = out.lines().toList();
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(lines).last().isEqualTo("done");
        List<String> acks = lines.stream().filter(line -> line.startsWith("ack set ")).toList();
        assertThat(acks).hasSize(100);
        try (Cashews cache = Cashews.create(url)) {
            for (String ack : acks) {
                String[] parts = ack.split(" ");
                assertThat(cache.<Object>get(parts[2])).isEqualTo(parts[3]);
            }
        }
    }
}
