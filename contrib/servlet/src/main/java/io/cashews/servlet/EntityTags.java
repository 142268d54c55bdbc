package io.cashews.servlet;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code If-None-Match} as RFC 9110 §13.1.2 defines it: {@code *} or a list of entity tags, each
 * optionally weak ({@code W/"…"}), compared weakly (the opaque tags alone). Anything malformed, or
 * longer than {@link #MAX_LENGTH} characters in all, makes the header count as absent: the request
 * is then answered in full, never wrongly with {@code 304}.
 */
final class EntityTags {

    /** The longest {@code If-None-Match} read; a client needs only a few tags. */
    static final int MAX_LENGTH = 8192;

    // An If-None-Match that is absent or not understood.
    private static final EntityTags NONE = new EntityTags(false, List.of());

    private final boolean any;
    private final List<String> opaque;

    private EntityTags(boolean any, List<String> opaque) {
        this.any = any;
        this.opaque = opaque;
    }

    /**
     * Parses every {@code If-None-Match} header of a request.
     *
     * @param headers the header's values
     * @return the tags; {@link #isEmpty()} when absent or malformed
     */
    static EntityTags parse(@Nullable Enumeration<String> headers) {
        if (headers == null) {
            return NONE;
        }
        List<String> tags = new ArrayList<>();
        boolean any = false;
        int length = 0;
        while (headers.hasMoreElements()) {
            String header = headers.nextElement();
            length += header.length();
            if (length > MAX_LENGTH) {
                return NONE;
            }
            int i = 0;
            int n = header.length();
            while (i < n) {
                char c = header.charAt(i);
                if (c == ' ' || c == '\t' || c == ',') {
                    i++;
                } else if (c == '*') {
                    any = true;
                    i++;
                } else {
                    int start = header.startsWith("W/", i) ? i + 2 : i;
                    if (start >= n || header.charAt(start) != '"') {
                        return NONE;
                    }
                    int end = start + 1;
                    while (end < n && header.charAt(end) != '"') {
                        if (!isEtagChar(header.charAt(end))) {
                            return NONE;
                        }
                        end++;
                    }
                    if (end >= n) {
                        return NONE;
                    }
                    tags.add(header.substring(start, end + 1));
                    i = end + 1;
                }
            }
        }
        return any || !tags.isEmpty() ? new EntityTags(any, List.copyOf(tags)) : NONE;
    }

    // etagc = %x21 / %x23-7E / obs-text
    private static boolean isEtagChar(char c) {
        return c == 0x21 || c >= 0x23 && c <= 0x7E || c >= 0x80 && c <= 0xFF;
    }

    /** Tells whether the request sent no usable {@code If-None-Match}. */
    boolean isEmpty() {
        return !any && opaque.isEmpty();
    }

    /** Tells whether the request sent {@code *}. */
    boolean any() {
        return any;
    }

    /**
     * Compares weakly with an entity tag.
     *
     * @param etag a tag as this package writes it, quoted, possibly weak
     * @return {@code true} when one of the request's tags has the same opaque tag
     */
    boolean matches(String etag) {
        String tag = etag.startsWith("W/") ? etag.substring(2) : etag;
        return opaque.contains(tag);
    }
}
