package io.cashews;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * The tag templates registered on one {@link Cashews} instance, each against one or more key
 * templates ({@link Cashews#registerTag(String, String)}). It answers two questions: may a key be
 * stored under a tag ({@link #allows}), and which tags does a key have ({@link #tagsOf}, used to
 * clean tag sets when keys are deleted).
 */
final class TagRegistry {

    /** One tag template and the key templates it is registered for, in registration order. */
    private record Entry(TagTemplate tag, List<TagTemplate> keys) {
    }

    // Replaced, never mutated: readers take the current snapshot without locking.
    private volatile Map<String, Entry> entries = Map.of();

    /**
     * Registers a tag template for a key template; registering the same pair again does nothing.
     *
     * @throws IllegalArgumentException if either template is malformed
     */
    synchronized void register(String tag, String keyTemplate) {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(keyTemplate, "keyTemplate");
        TagTemplate key = TagTemplate.parse(keyTemplate);
        Map<String, Entry> next = new LinkedHashMap<>(entries);
        Entry entry = next.get(tag);
        List<TagTemplate> keys = entry == null ? new ArrayList<>() : new ArrayList<>(entry.keys);
        for (TagTemplate known : keys) {
            if (known.text().equals(keyTemplate)) {
                return;
            }
        }
        keys.add(key);
        next.put(tag, new Entry(entry == null ? TagTemplate.parse(tag) : entry.tag, List.copyOf(keys)));
        entries = next;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Tells whether {@code tag} may be stored for {@code key}: some registration's tag template
     * matches the tag and one of its key templates matches the key (placeholders match anything).
     */
    boolean allows(String key, String tag) {
        for (Entry entry : entries.values()) {
            if (entry.tag.match(tag) == null) {
                continue;
            }
            for (TagTemplate template : entry.keys) {
                if (template.match(key) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The tags of a key as the registry sees them: for each tag template in registration order,
     * the first of its key templates that matches the whole key renders the tag from what it
     * captured (and the key context). A tag rendered from values the key does not contain cannot
     * be found this way.
     */
    List<String> tagsOf(String key) {
        List<String> tags = new ArrayList<>();
        for (Entry entry : entries.values()) {
            for (TagTemplate template : entry.keys) {
                Matcher matcher = template.match(key);
                if (matcher != null) {
                    String tag = entry.tag.render(template, matcher);
                    if (tag != null && !tags.contains(tag)) {
                        tags.add(tag);
                    }
                    break;
                }
            }
        }
        return tags;
    }

    /** Registered tag templates with their key templates, in registration order. */
    Map<String, List<String>> templates() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (Entry entry : entries.values()) {
            all.put(entry.tag.text(), entry.keys.stream().map(TagTemplate::text).toList());
        }
        return java.util.Collections.unmodifiableMap(all);
    }

    /** Registered tag templates with their key templates, for messages. */
    String describe() {
        StringBuilder text = new StringBuilder();
        for (Entry entry : entries.values()) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append('"').append(entry.tag.text()).append("\" for ");
            for (int i = 0; i < entry.keys.size(); i++) {
                text.append(i == 0 ? "" : " | ").append('"').append(entry.keys.get(i).text()).append('"');
            }
        }
        return text.length() == 0 ? "none" : text.toString();
    }
}
