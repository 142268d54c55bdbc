/**
 * For generated code: the classes that {@code X_Cached} proxies written by the Cashews
 * annotation processor call, namely the {@link io.cashews.internal.CacheMethod} strategy object,
 * the {@link io.cashews.internal.Loader} and {@link io.cashews.internal.AsyncLoader} callbacks
 * that wrap the call to the delegate, and the key rendering helpers in
 * {@link io.cashews.internal.Keys}. Application code should not call them directly. They are
 * nonetheless kept binary compatible from one runtime version to the next, because a proxy
 * compiled against one version must keep working with a later one.
 */
@NullMarked
package io.cashews.internal;

import org.jspecify.annotations.NullMarked;
