package io.cashews.codec;

import java.io.ObjectInputFilter;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, before an object of a class is created, whether JDK deserialization may create it:
 * JDK value types, classes registered in {@link ValueTypes} and the {@code serializer_allow}
 * patterns pass; everything else is rejected. Rejections are logged once per class name. The
 * size and depth of a stream are bounded per read by {@link JavaSerializer}.
 */
final class AllowListFilter implements ObjectInputFilter {

    private static final System.Logger LOG = System.getLogger(AllowListFilter.class.getName());

    private static final Set<String> JDK_TYPES = Set.of(
            "java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long",
            "java.lang.Float", "java.lang.Double", "java.lang.Character", "java.lang.String", "java.lang.Number",
            "java.lang.Enum",
            // Array components that JDK collections announce before reading; elements are checked one by one.
            "java.lang.Object", "java.util.Map$Entry", "java.math.BigInteger", "java.math.BigDecimal",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque", "java.util.Vector",
            "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.Hashtable",
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.BitSet",
            "java.util.UUID", "java.util.Date", "java.util.Locale", "java.util.Currency",
            "java.util.CollSer", "java.util.Arrays$ArrayList", "java.util.AbstractMap$SimpleEntry",
            "java.util.AbstractMap$SimpleImmutableEntry", "java.net.URI");

    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();
    private final List<String> exactPatterns;
    private final List<String> packagePatterns;
    private final List<String> subtreePatterns;

    private AllowListFilter(List<String> exact, List<String> packages, List<String> subtrees) {
        this.exactPatterns = exact;
        this.packagePatterns = packages;
        this.subtreePatterns = subtrees;
    }

    /**
     * Builds the filter from the {@code serializer_allow} option.
     *
     * @param allow comma-separated patterns: {@code com.example.Type}, {@code com.example.*} (the
     *     package) or {@code com.example.**} (the package and its subpackages); may be empty
     * @return the filter
     * @throws IllegalArgumentException naming the option for a malformed pattern
     */
    static AllowListFilter of(String allow) {
        List<String> exact = new ArrayList<>();
        List<String> packages = new ArrayList<>();
        List<String> subtrees = new ArrayList<>();
        for (String raw : allow.split(",", -1)) {
            String pattern = raw.trim();
            if (pattern.isEmpty()) {
                continue;
            }
            if (pattern.endsWith(".**")) {
                subtrees.add(checked(pattern, pattern.substring(0, pattern.length() - 3)) + ".");
            } else if (pattern.endsWith(".*")) {
                packages.add(checked(pattern, pattern.substring(0, pattern.length() - 2)) + ".");
            } else {
                exact.add(checked(pattern, pattern));
            }
        }
        return new AllowListFilter(List.copyOf(exact), List.copyOf(packages), List.copyOf(subtrees));
    }

    private static String checked(String pattern, String name) {
        boolean ok = !name.isEmpty() && !name.startsWith(".") && !name.endsWith(".") && !name.contains("..");
        for (int i = 0; ok && i < name.length(); i++) {
            char c = name.charAt(i);
            ok = Character.isJavaIdentifierPart(c) || c == '.';
        }
        if (!ok) {
            throw new IllegalArgumentException("option 'serializer_allow' has a malformed pattern \"" + pattern
                    + "\"; use a class name, com.example.* (one package) or com.example.** (with subpackages)");
        }
        return name;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        Class<?> type = info.serialClass();
        if (type == null) {
            return Status.UNDECIDED;
        }
        while (type.isArray()) {
            type = type.getComponentType();
        }
        if (type.isPrimitive() || allowed(type)) {
            return Status.ALLOWED;
        }
        if (LOGGED.add(type.getName())) {
            LOG.log(Level.WARNING, "a cached value of class {0} was not deserialized: the class is not allowed;"
                    + " generated proxies register their result types, other classes need ValueTypes.allow(…)"
                    + " or the option serializer_allow=<package>.**", type.getName());
        }
        return Status.REJECTED;
    }

    boolean allowed(Class<?> type) {
        String name = type.getName();
        if (JDK_TYPES.contains(name) || ValueTypes.isAllowed(type)) {
            return true;
        }
        if (name.startsWith("java.time.") && name.indexOf('.', "java.time.".length()) < 0) {
            return true;
        }
        if (name.startsWith("java.util.Collections$") || name.startsWith("java.util.ImmutableCollections$")) {
            return true;
        }
        if (name.startsWith("java.") && (type.isEnum() || Throwable.class.isAssignableFrom(type))) {
            // JDK enums and exceptions (stored by withExceptions and failover) are plain data.
            return true;
        }
        if (name.equals("java.lang.StackTraceElement")) {
            return true;
        }
        for (String exact : exactPatterns) {
            if (exact.equals(name)) {
                return true;
            }
        }
        int lastDot = name.lastIndexOf('.');
        String pkg = lastDot < 0 ? "" : name.substring(0, lastDot + 1);
        for (String p : packagePatterns) {
            if (p.equals(pkg)) {
                return true;
            }
        }
        for (String p : subtreePatterns) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Tells whether a rejection of this class was logged; for tests. */
    static boolean wasRejected(String className) {
        return LOGGED.contains(className);
    }
}
