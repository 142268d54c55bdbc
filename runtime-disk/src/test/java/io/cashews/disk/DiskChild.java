package io.cashews.disk;

import io.cashews.Cashews;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process for tests of several JVMs on one directory, started with {@link #start}: it
 * opens a cache URL, runs one workload and prints one line per acknowledged command
 * ({@code ack <command> <key> <result>}), then {@code done}. Workloads: {@code set <prefix> <n>}
 * stores {@code <prefix><i>} = {@code "v<i>"}; {@code incr <prefix> <keys> <n>} adds 1 to one of
 * {@code keys} counters {@code n} times.
 */
public final class DiskChild {

    private DiskChild() {
    }

    /**
     * Runs a workload.
     *
     * @param args the URL, the workload's name and its arguments
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        try (Cashews cache = Cashews.create(args[0])) {
            switch (args[1]) {
                case "set" -> {
                    int n = Integer.parseInt(args[3]);
                    for (int i = 0; i < n; i++) {
                        String key = args[2] + i;
                        if (cache.set(key, "v" + i)) {
                            out.println("ack set " + key + " v" + i);
                        }
                    }
                }
                case "incr" -> {
                    int keys = Integer.parseInt(args[3]);
                    int n = Integer.parseInt(args[4]);
                    for (int i = 0; i < n; i++) {
                        String key = args[2] + (i % keys);
                        out.println("ack incr " + key + " " + cache.incr(key));
                    }
                }
                default -> throw new IllegalArgumentException("unknown workload " + args[1]);
            }
        }
        out.println("done");
    }

    /**
     * Starts a child JVM on this test class path.
     *
     * @param args the child's arguments
     * @return the started process (its standard error goes to this JVM's)
     * @throws IOException if it cannot be started
     */
    static Process start(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                DiskChild.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
