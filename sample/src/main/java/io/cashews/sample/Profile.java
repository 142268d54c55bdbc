package io.cashews.sample;

import java.io.Serializable;
import java.util.List;

/** A user profile as the directory service builds it. */
public record Profile(String uid, String displayName, List<String> groups) implements Serializable {
    private static final long serialVersionUID = 1L;
}
