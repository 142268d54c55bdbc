/**
 * The value codec of the remote and file backends: how a value becomes bytes and back (SPEC §9).
 * A value passes serializer → compression → signature on the way out and the reverse on the way
 * in. Whole numbers are stored as plain decimal text so that the store's own counters work on
 * them; {@code String} and {@code byte[]} take fast paths; other values go through JDK
 * serialization behind an allow-list filter ({@link io.cashews.codec.ValueTypes}) or through
 * Jackson. With a {@code secret}, the signature over key and payload is checked before a single
 * byte is decoded. {@link io.cashews.codec.ValueCodec} is the entry point.
 */
@NullMarked
package io.cashews.codec;

import org.jspecify.annotations.NullMarked;
