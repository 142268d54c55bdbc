package io.cashews;

/**
 * Every command of {@link Cashews}, for {@link Cashews#disable(Command...)},
 * {@link Cashews#enable(Command...)} and {@link Cashews#disabling(Command...)}.
 */
public enum Command {
    /** {@code set} and its overloads. */
    SET,
    /** {@code setRaw}. */
    SET_RAW,
    /** {@code setMany}. */
    SET_MANY,
    /** {@code get}. */
    GET,
    /** {@code getRaw}. */
    GET_RAW,
    /** {@code getOrSet}: when disabled the value is computed and returned but not stored. */
    GET_OR_SET,
    /** {@code getMany}. */
    GET_MANY,
    /** {@code getMatch}. */
    GET_MATCH,
    /** {@code incr}. */
    INCR,
    /** {@code getBits}: when disabled it answers with an empty array (no answer, not zeros). */
    GET_BITS,
    /** {@code incrBits}: when disabled it changes nothing and answers with an empty array. */
    INCR_BITS,
    /** {@code exists}. */
    EXISTS,
    /** {@code delete}. */
    DELETE,
    /** {@code deleteMany}. */
    DELETE_MANY,
    /** {@code deleteMatch}. */
    DELETE_MATCH,
    /** {@code scan}, bounded or not. */
    SCAN,
    /** {@code expire}. */
    EXPIRE,
    /** {@code getExpire}. */
    GET_EXPIRE,
    /** {@code ping}. */
    PING,
    /** {@code clear}. */
    CLEAR,
    /** {@code isLocked}. */
    IS_LOCKED,
    /** {@code lock}: when disabled it returns at once with a scope that holds nothing. */
    LOCK,
    /** {@code setLock}. */
    SET_LOCK,
    /** {@code unlock}. */
    UNLOCK,
    /** {@code getKeysCount}. */
    GET_KEYS_COUNT,
    /** {@code sliceIncr}: when disabled it records nothing and returns 0, so nothing is ever limited. */
    SLICE_INCR,
    /** {@code setAdd}, and the tag sets written by {@code set(…, tags)}. */
    SET_ADD,
    /** {@code setRemove}, and the cleaning of tag sets when tagged keys are deleted. */
    SET_REMOVE,
    /** {@code setPop}, and reading the members of a tag for {@code deleteTags}. */
    SET_POP,
    /** {@code setMembers}. */
    SET_MEMBERS,
    /**
     * {@code getExpireMillis} of the backend SPI: a key's time left in milliseconds, which a
     * transaction reads when it copies a key; the facade has no command of its own for it.
     */
    GET_EXPIRE_MILLIS,
    /** {@code getAndSet} of the backend SPI: when disabled it writes nothing and answers {@code null}. */
    GET_AND_SET,
    /** {@code compareAndSet} of the backend SPI: when disabled it writes nothing and answers {@code false}. */
    COMPARE_AND_SET,
    /** {@code deleteIfEquals} of the backend SPI: when disabled it deletes nothing and answers {@code false}. */
    DELETE_IF_EQUALS,
    /** {@code getAndDelete} of the backend SPI: when disabled it deletes nothing and answers {@code null}. */
    GET_AND_DELETE;

    // One bit per command in a long; checked at class initialisation rather than trusted.
    static {
        if (values().length > Long.SIZE) {
            throw new AssertionError("too many commands for a 64-bit mask");
        }
    }

    final long bit() {
        return 1L << ordinal();
    }
}
