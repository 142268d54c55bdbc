/**
 * For generated code: the classes that {@code X_Cached} proxies written by the Cashews
 * annotation processor call, namely the {@link io.cashews.internal.CacheMethod} strategy object,
 * the {@link io.cashews.internal.Loader} and {@link io.cashews.internal.AsyncLoader} callbacks
 * that wrap the call to the delegate, and the key rendering helpers in
 * {@link io.cashews.internal.Keys}, and the other layers a method's annotations stack into (each a
 * {@link io.cashews.internal.Decorator}: {@link io.cashews.internal.FailoverMethod},
 * {@link io.cashews.internal.HitMethod}, {@link io.cashews.internal.EarlyMethod},
 * {@link io.cashews.internal.SoftMethod}, …, with the per-call {@link io.cashews.internal.Origin}).
 * This package holds only what generated code calls: the thread-scope plumbing the layers use
 * lives in {@link io.cashews.base}, and the API package never imports this one.
 * Application code should not call these classes directly. They are
 * nonetheless kept binary compatible from one runtime version to the next, because a proxy
 * compiled against one version must keep working with a later one.
 */
@NullMarked
package io.cashews.internal;

import org.jspecify.annotations.NullMarked;
