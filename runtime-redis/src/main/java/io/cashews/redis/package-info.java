/**
 * The {@code redis://} and {@code rediss://} backend on Lettuce: one shared RESP3 connection,
 * asynchronous commands (the synchronous ones wait for them), atomic Lua scripts where a command
 * must read and write in one step, {@code SCAN} for patterns, values through the
 * {@link io.cashews.codec.ValueCodec}, fail-fast and fail-open behaviour when Redis is down
 * ({@code suppress}), and an optional local copy kept coherent by RESP3 client tracking
 * ({@code client_side=true}). Found through {@link io.cashews.redis.RedisBackendProvider}.
 */
@NullMarked
package io.cashews.redis;

import org.jspecify.annotations.NullMarked;
