/** Tests of the Redis backend against real redis-server processes. */
package io.cashews.redis;
