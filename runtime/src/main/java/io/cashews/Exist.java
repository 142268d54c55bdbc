package io.cashews;

/** When a {@code set} may write, depending on whether the key is already there. */
public enum Exist {
    /** Always write. */
    ANY,
    /** Write only when the key exists (and has not expired). */
    PRESENT,
    /** Write only when the key does not exist (or has expired). */
    ABSENT
}
