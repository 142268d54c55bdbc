package io.cashews.processor.writing;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The proxies of one compilation, for the two resources the processor writes in its last round:
 * the index {@code META-INF/cashews/proxies} (one line {@code interface=proxy} per proxy, binary
 * names) and {@code META-INF/services/io.cashews.ProxyFactory} (each proxy's nested factory).
 * Lines are sorted by interface, so the files are byte-identical on rebuild whatever the order of
 * rounds and sources.
 *
 * <p>An incremental compilation sees only the changed sources; the index it writes keeps the
 * entries of the index it replaces whose interface and proxy still exist and that this
 * compilation did not look at ({@link #keepFrom}).
 */
public final class ProxyIndex {
    /** The index, relative to the class output. */
    public static final String INDEX = "META-INF/cashews/proxies";
    /** The ServiceLoader file of the factories, relative to the class output. */
    public static final String SERVICES = "META-INF/services/" + RuntimeNames.PROXY_FACTORY.canonicalName();

    private final SortedMap<String, String> entries = new TreeMap<>();

    /** Creates an empty index. */
    public ProxyIndex() {}

    /**
     * Records a proxy written in this compilation.
     *
     * @param iface the interface's binary name ({@code com.example.Outer$Repository})
     * @param proxy the proxy's binary name ({@code com.example.Outer_Repository_Cached})
     */
    public void add(String iface, String proxy) {
        entries.put(iface, proxy);
    }

    /** Whether no proxy was recorded. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Takes over the entries of an index written by an earlier compilation of the same output,
     * except those of interfaces recorded here (this compilation decides about them) and those
     * {@code exists} rejects (their interface or proxy is gone).
     *
     * @param previous the earlier index's text
     * @param seen whether this compilation looked at an interface, by binary name
     * @param exists whether an interface and its proxy, by binary name, still exist
     */
    public void keepFrom(String previous, Predicate<String> seen, BiPredicate<String, String> exists) {
        for (String line : previous.split("\n", -1)) {
            int equals = line.indexOf('=');
            if (equals <= 0 || line.startsWith("#")) {
                continue;
            }
            String iface = line.substring(0, equals).trim();
            String proxy = line.substring(equals + 1).trim();
            if (!entries.containsKey(iface) && !seen.test(iface) && !proxy.isEmpty() && exists.test(iface, proxy)) {
                entries.put(iface, proxy);
            }
        }
    }

    /** The index text: one {@code interface=proxy} line per proxy, sorted. */
    public String index() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            text.append(entry.getKey()).append('=').append(entry.getValue()).append('\n');
        }
        return text.toString();
    }

    /** The ServiceLoader file: one factory per line, in the index's order. */
    public String services() {
        StringBuilder text = new StringBuilder();
        for (String proxy : entries.values()) {
            text.append(proxy).append('$').append(FactoryWriter.NAME).append('\n');
        }
        return text.toString();
    }
}
