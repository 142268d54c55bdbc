package io.cashews.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cashews.Cashews;
import io.cashews.Scope;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A child process for tests of several JVMs on one directory, started with {@link #start} or
 * {@link #run}: it opens a cache URL, prints {@code ready}, runs one workload printing one line
 * per acknowledged command (each line is one {@code write}, so a {@code kill -9} never leaves
 * half a line), then {@code done}. With {@code --go} before the URL it waits for a line on its
 * standard input after {@code ready}, so that two children start their workloads together. A
 * setup failure prints {@code setup-failed <exception class> <message>} and exits with 2; a
 * failure of the workload prints {@code error <exception class> <message>} and exits with 1.
 * With {@code --acks <file>} first, the {@code ack} lines go to that file instead (appended, one
 * {@code write} each) and standard output gets {@code first-ack} after the first. What a killed
 * process wrote to a file is all there; read from a pipe, a killed child's last lines once did not
 * arrive (its counter stood 5 above the last acknowledgement read), so kill tests use the file.
 *
 * <p>Workloads:
 * <ul>
 *   <li>{@code set <prefix> <n>}: stores {@code <prefix><i>} = {@code "v<i>"}, acknowledging
 *       {@code ack set <key> v<i>};</li>
 *   <li>{@code incr <prefix> <keys> <n>}: adds 1 to one of {@code keys} counters {@code n}
 *       times, acknowledging {@code ack incr <key> <result>};</li>
 *   <li>{@code churn <prefix>}: until killed, {@code set} then {@code incr <prefix>n}, each
 *       acknowledged as above;</li>
 *   <li>{@code lock <lock key> <counter key> <n> <log file>}: {@code n} critical sections under
 *       {@code Cashews.lock}, each appending {@code enter <pid> <i>} and {@code exit <pid> <i>}
 *       to the log file around a non-atomic read-modify-write of the counter's text;</li>
 *   <li>{@code slice <key> <n> <start ms> <max>}: {@code n} {@code sliceIncr} calls on the window
 *       after {@code start}, acknowledging {@code ack slice <rank>};</li>
 *   <li>{@code bits <key> <n>}: {@code n} {@code incrBits} of 1 on 16-bit field {@code i % 8}
 *       and field 8;</li>
 *   <li>{@code setpop <key> <prefix> <n>}: adds member {@code <prefix><i>} and pops one, then
 *       pops until the set is empty, acknowledging {@code ack pop <member>};</li>
 *   <li>{@code mixed <prefix> <n> <value bytes>}: {@code n} commands cycling through a set of a
 *       value of that size, a get, an incr, a setAdd and a delete on 200 keys, acknowledging
 *       {@code ack mixed <i>} every 50;</li>
 *   <li>{@code serve}: commands read from standard input, one a line, until {@code quit}:
 *       {@code set <key> <value>} ({@code ok <written>}), {@code get <key>}
 *       ({@code value <value or null>}), {@code incr <key>} ({@code value <n>}).</li>
 * </ul>
 */
public final class DiskChild {

    private static final Duration LOCK_EXPIRE = Duration.ofMinutes(2);

    private DiskChild() {
    }

    /**
     * Runs a workload.
     *
     * @param args {@code --acks <file>} and {@code --go} optionally, the URL, the workload's name and its arguments
     */
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int first = 0;
        OutputStream acks = null;
        if (args[first].equals("--acks")) {
            acks = new FileOutputStream(args[first + 1], true);
            first += 2;
        }
        boolean go = args[first].equals("--go");
        if (go) {
            first++;
        }
        Out out = new Out(new FileOutputStream(FileDescriptor.out), acks);
        String url = args[first];
        String[] work = java.util.Arrays.copyOfRange(args, first + 1, args.length);
        Cashews cache;
        try {
            cache = Cashews.create(url);
        } catch (RuntimeException e) {
            out.line("setup-failed " + e.getClass().getName() + " " + oneLine(e.getMessage()));
            System.exit(2);
            return;
        }
        try (cache) {
            out.line("ready");
            if (go && in.readLine() == null) {
                throw new IllegalStateException("standard input closed before go");
            }
            run(cache, work, out, in);
        } catch (Throwable e) {
            out.line("error " + e.getClass().getName() + " " + oneLine(String.valueOf(e.getMessage())));
            e.printStackTrace();
            System.exit(1);
        }
        out.line("done");
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    private static void run(Cashews cache, String[] args, Out out, BufferedReader in) throws IOException {
        switch (args[0]) {
            case "set" -> {
                int n = Integer.parseInt(args[2]);
                for (int i = 0; i < n; i++) {
                    String key = args[1] + i;
                    if (cache.set(key, "v" + i)) {
                        out.line("ack set " + key + " v" + i);
                    }
                }
            }
            case "incr" -> {
                int keys = Integer.parseInt(args[2]);
                int n = Integer.parseInt(args[3]);
                for (int i = 0; i < n; i++) {
                    String key = args[1] + (i % keys);
                    out.line("ack incr " + key + " " + cache.incr(key));
                }
            }
            case "cas" -> {
                // n successful compare-and-set increments of one counter, read with get.
                io.cashews.spi.Backend backend = cache.backends().get("");
                backend.compareAndSet(args[1], null, 0L, null, false);
                int n = Integer.parseInt(args[2]);
                for (int done = 0; done < n; ) {
                    long seen = (Long) backend.get(args[1]);
                    if (backend.compareAndSet(args[1], seen, seen + 1, null, false)) {
                        out.line("ack cas " + (seen + 1));
                        done++;
                    }
                }
            }
            case "churn" -> {
                String counter = args[1] + "n";
                for (long i = 0; ; i++) {
                    String key = args[1] + i;
                    if (!cache.set(key, "v" + i)) {
                        throw new IllegalStateException("set " + key + " returned false");
                    }
                    out.line("ack set " + key + " v" + i);
                    out.line("ack incr " + counter + " " + cache.incr(counter));
                }
            }
            case "lock" -> lock(cache, args[1], args[2], Integer.parseInt(args[3]), Path.of(args[4]), out);
            case "slice" -> {
                int n = Integer.parseInt(args[2]);
                long start = Long.parseLong(args[3]);
                long max = Long.parseLong(args[4]);
                for (int i = 0; i < n; i++) {
                    long rank = cache.sliceIncr(args[1], start, System.currentTimeMillis(), max, Duration.ofMinutes(10));
                    out.line("ack slice " + rank);
                }
            }
            case "bits" -> {
                int n = Integer.parseInt(args[2]);
                for (int i = 0; i < n; i++) {
                    long[] after = cache.incrBits(args[1], 16, 1, i % 8, 8);
                    out.line("ack bits " + (i % 8) + " " + after[0] + " " + after[1]);
                }
            }
            case "setpop" -> {
                int n = Integer.parseInt(args[3]);
                for (int i = 0; i < n; i++) {
                    cache.setAdd(args[1], null, args[2] + i);
                    for (String member : cache.setPop(args[1], 1)) {
                        out.line("ack pop " + member);
                    }
                }
                for (List<String> popped = cache.setPop(args[1], 10); !popped.isEmpty(); popped = cache.setPop(args[1], 10)) {
                    for (String member : popped) {
                        out.line("ack pop " + member);
                    }
                }
            }
            case "mixed" -> mixed(cache, args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), out);
            case "serve" -> serve(cache, in, out);
            default -> throw new IllegalArgumentException("unknown workload " + args[0]);
        }
    }

    private static void lock(Cashews cache, String lockKey, String counter, int n, Path log, Out out) throws IOException {
        long pid = ProcessHandle.current().pid();
        for (int i = 0; i < n; i++) {
            try (Scope held = cache.lock(lockKey, LOCK_EXPIRE)) {
                append(log, "enter " + pid + " " + i + "\n");
                String before = cache.get(counter);
                long next = before == null ? 1 : Long.parseLong(before) + 1;
                if (!cache.set(counter, Long.toString(next))) {
                    throw new IllegalStateException("set " + counter + " returned false");
                }
                append(log, "exit " + pid + " " + i + "\n");
            }
            out.line("ack lock " + i);
        }
    }

    // One write with O_APPEND: lines of two processes never interleave within a line.
    private static void append(Path log, String line) throws IOException {
        Files.write(log, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }

    private static void mixed(Cashews cache, String prefix, int n, int valueBytes, Out out) {
        String value = "x".repeat(valueBytes);
        for (int i = 0; i < n; i++) {
            String key = prefix + (i % 200);
            switch (i % 5) {
                case 0 -> {
                    if (!cache.set(key, value + i)) {
                        throw new IllegalStateException("set " + key + " returned false");
                    }
                }
                case 1 -> cache.get(key);
                case 2 -> cache.incr(prefix + "n");
                case 3 -> cache.setAdd(prefix + "tags", null, key);
                default -> cache.delete(prefix + ((i + 100) % 200));
            }
            if (i % 50 == 49) {
                out.line("ack mixed " + i);
            }
        }
    }

    private static void serve(Cashews cache, BufferedReader in, Out out) throws IOException {
        for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
            String[] parts = line.split(" ");
            switch (parts[0]) {
                case "set" -> out.line("ok " + cache.set(parts[1], parts[2]));
                case "get" -> out.line("value " + cache.<Object>get(parts[1]));
                case "incr" -> out.line("value " + cache.incr(parts[1]));
                default -> throw new IllegalArgumentException("unknown command " + line);
            }
        }
    }

    /**
     * Starts a child JVM on this test class path.
     *
     * @param args the child's arguments
     * @return the started process (its standard error goes to this JVM's)
     * @throws IOException if it cannot be started
     */
    static Process start(String... args) throws IOException {
        return new ProcessBuilder(command(System.getProperty("java.class.path"), List.of(args)))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** The command line of a child JVM on {@code classPath}. */
    static List<String> command(String classPath, List<String> args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // A short-lived child: C1 only and the serial collector start faster on a loaded machine.
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dslf4j.internal.verbosity=ERROR",
                "-cp", classPath, DiskChild.class.getName()));
        command.addAll(args);
        return command;
    }

    /**
     * Starts a child JVM and follows its output.
     *
     * @param args the child's arguments
     * @return the running child
     * @throws IOException if it cannot be started
     */
    static Running run(String... args) throws IOException {
        return new Running(start(args), line -> { });
    }

    /**
     * Starts a child JVM and follows its output, telling {@code listener} each line as it comes.
     *
     * @param listener called on the reading thread for every complete line
     * @param args the child's arguments
     * @return the running child
     * @throws IOException if it cannot be started
     */
    static Running run(Consumer<String> listener, String... args) throws IOException {
        return new Running(start(args), listener);
    }

    /** Reads a stream to its end and returns its complete lines (a last line without a newline is dropped). */
    static List<String> completeLines(InputStream stream) throws IOException {
        String text = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
    }

    /** Lines written one {@code write} each, so that a kill never leaves half of one. */
    private static final class Out {
        private final OutputStream stream;
        private final @Nullable OutputStream acks;
        private boolean acknowledged;

        Out(OutputStream stream, @Nullable OutputStream acks) {
            this.stream = stream;
            this.acks = acks;
        }

        synchronized void line(String line) {
            try {
                byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                if (acks != null && line.startsWith("ack ")) {
                    acks.write(bytes);
                    if (!acknowledged) {
                        acknowledged = true;
                        stream.write("first-ack\n".getBytes(StandardCharsets.UTF_8));
                    }
                } else {
                    stream.write(bytes);
                }
                stream.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A running child: its output lines as they come, its input, and its end. */
    static final class Running implements AutoCloseable {
        private static final String END = "\u0000end";
        final Process process;
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final Thread reader;
        private final PrintStream input;

        Running(Process process, Consumer<String> listener) {
            this.process = process;
            this.input = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            this.reader = new Thread(() -> {
                try (InputStream stream = process.getInputStream()) {
                    ByteArrayOutputStream line = new ByteArrayOutputStream();
                    for (int b = stream.read(); b >= 0; b = stream.read()) {
                        if (b == '\n') {
                            String text = line.toString(StandardCharsets.UTF_8);
                            line.reset();
                            lines.add(text);
                            listener.accept(text);
                            queue.add(text);
                        } else {
                            line.write(b);
                        }
                    }
                } catch (IOException e) {
                    queue.add("error reading the child's output: " + e);
                } finally {
                    queue.add(END);
                }
            }, "disk-child-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        /** Sends one line to the child's standard input. */
        void send(String line) {
            input.println(line);
        }

        /**
         * Waits for the next line that starts with {@code prefix}, failing on an error line, on
         * the end of the output, or after {@code timeout}.
         */
        String await(String prefix, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String line = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    fail("child " + process.pid() + " printed no '" + prefix + "' line within " + timeout
                            + "; it printed " + tail());
                }
                if (line.equals(END)) {
                    queue.add(END);
                    fail("child " + process.pid() + " ended without a '" + prefix + "' line; it printed " + tail());
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
                if (line.startsWith("error") || line.startsWith("setup-failed")) {
                    fail("child " + process.pid() + " failed: " + line);
                }
            }
        }

        private String tail() {
            synchronized (lines) {
                return lines.subList(Math.max(0, lines.size() - 5), lines.size()).toString();
            }
        }

        /**
         * Waits for the child to end, checks that it ended well ({@code done}, exit 0) and returns
         * every line it printed.
         */
        List<String> finish(Duration timeout) throws InterruptedException {
            input.close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("child " + process.pid() + " did not end within " + timeout + "; it printed " + tail());
            }
            reader.join(timeout.toMillis());
            List<String> all = lines();
            assertThat(all).as("child %s's output", process.pid()).noneMatch(line -> line.startsWith("error"));
            assertThat(process.exitValue()).as("child %s's exit value; it printed %s", process.pid(), tail()).isZero();
            assertThat(all).as("child %s's output", process.pid()).last().isEqualTo("done");
            return all;
        }

        /**
         * Kills the child as {@code kill -9} does ({@link Process#destroyForcibly()}), waits for
         * its end and returns every complete line it printed.
         */
        List<String> kill(Duration timeout) throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("child " + process.pid() + " did not die within " + timeout);
            }
            reader.join(timeout.toMillis());
            return lines();
        }

        /** Every line printed so far. */
        List<String> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
