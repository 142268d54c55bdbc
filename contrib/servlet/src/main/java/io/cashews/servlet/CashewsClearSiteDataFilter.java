package io.cashews.servlet;

import io.cashews.Cashews;
import io.cashews.Scope;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Objects;

/**
 * Runs a request that carries the trigger inside {@link Cashews#invalidateFurther()}: every cached
 * method it calls recomputes its result and stores it again. The trigger is, by default, the
 * request header {@code Clear-Site-Data} with the type {@code "cache"} (or {@code "*"}) among its
 * comma-separated values, quoted as the header's syntax asks or not.
 *
 * <pre>{@code
 * servletContext.addFilter("cashews-clear", new CashewsClearSiteDataFilter(cache))
 *         .addMappingForUrlPatterns(null, false, "/*");
 * }</pre>
 * Expose it only to clients allowed to make the server recompute (an internal network, an admin
 * role): each such request costs what a cold cache costs.
 */
public final class CashewsClearSiteDataFilter implements Filter {

    /** The default trigger header. */
    public static final String DEFAULT_HEADER = "Clear-Site-Data";

    /** The default trigger value: the {@code "cache"} type of {@code Clear-Site-Data}. */
    public static final String DEFAULT_VALUE = "cache";

    // Longer headers are not looked at.
    private static final int MAX_LENGTH = 1024;

    private final Cashews cache;
    private final String header;
    private final String value;

    /**
     * Creates the filter with the default trigger, {@code Clear-Site-Data: "cache"}.
     *
     * @param cache the instance the request's cached methods use
     */
    public CashewsClearSiteDataFilter(Cashews cache) {
        this(cache, DEFAULT_HEADER, DEFAULT_VALUE);
    }

    /**
     * Creates the filter with another trigger.
     *
     * @param cache the instance the request's cached methods use
     * @param header the request header that carries the trigger
     * @param value the value among the header's comma-separated ones (compared case-insensitively,
     *     quotes ignored) that triggers; {@code *} always does
     * @throws IllegalArgumentException if the header or the value is blank
     */
    public CashewsClearSiteDataFilter(Cashews cache, String header, String value) {
        this.cache = Objects.requireNonNull(cache, "cache");
        if (header.isBlank() || value.isBlank()) {
            throw new IllegalArgumentException("the trigger header and value must not be blank");
        }
        this.header = header;
        this.value = unquoted(value.trim()).toLowerCase(Locale.ROOT);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && triggered(http.getHeaders(header))) {
            try (Scope recomputing = cache.invalidateFurther()) {
                chain.doFilter(request, response);
            }
        } else {
            chain.doFilter(request, response);
        }
    }

    private boolean triggered(Enumeration<String> headers) {
        if (headers == null) {
            return false;
        }
        int length = 0;
        while (headers.hasMoreElements()) {
            String line = headers.nextElement();
            length += line.length();
            if (length > MAX_LENGTH) {
                return false;
            }
            for (String part : line.split(",")) {
                String type = unquoted(part.trim()).toLowerCase(Locale.ROOT);
                if (type.equals(value) || type.equals("*")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String unquoted(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }
}
