/**
 * The {@code disk://} backend on SQLite: sharded files in one directory, safe for several
 * processes and for {@code kill -9}, every write one {@code BEGIN IMMEDIATE} transaction, reads on
 * pooled connections, values through the {@link io.cashews.codec.ValueCodec}, a size limit with
 * LRU or LRS eviction that never evicts locks, counters, bit fields, tag sets or windows, and
 * quarantine of a corrupt shard while the others keep serving. Found through
 * {@link io.cashews.disk.DiskBackendProvider}.
 */
@NullMarked
package io.cashews.disk;

import org.jspecify.annotations.NullMarked;
