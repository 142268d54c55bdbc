package io.cashews.memory;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The value of a set key in the memory backend (tags, {@code _tag:<tag>}): immutable, so every
 * update builds a new one inside the map's atomic {@code compute}. A class of its own, so that a
 * user's {@code Set} value is never mistaken for one.
 */
final class MemberSet {
    static final MemberSet EMPTY = new MemberSet(Set.of());

    private final Set<String> members;

    private MemberSet(Set<String> members) {
        this.members = members;
    }

    Set<String> members() {
        return members;
    }

    int size() {
        return members.size();
    }

    MemberSet plus(String... added) {
        Set<String> next = new LinkedHashSet<>(members);
        for (String member : added) {
            next.add(Objects.requireNonNull(member, "member"));
        }
        return new MemberSet(Set.copyOf(next));
    }

    MemberSet minus(Collection<String> removed) {
        Set<String> next = new LinkedHashSet<>(members);
        next.removeAll(removed);
        return new MemberSet(Set.copyOf(next));
    }
}
