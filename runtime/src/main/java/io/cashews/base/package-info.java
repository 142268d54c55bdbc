/**
 * For the runtime: the plumbing every other runtime package builds on, with no dependency on any of
 * them. {@link io.cashews.base.ThreadScopes} is the per-thread stack of scopes ({@code disabling},
 * {@code detect}, {@code KeyContext.with}, {@code invalidateFurther}, callbacks, transactions);
 * {@link io.cashews.base.ScopeSnapshot} carries that stack to the threads running a proxied call's
 * asynchronous continuations; {@link io.cashews.base.HitSink} is where the hits strategies report
 * go while a detect scope is open; {@link io.cashews.base.KeyText} and
 * {@link io.cashews.base.TypeFormats} render values into keys.
 *
 * <p>The rule of this package, checked by the runtime's architecture test: it imports nothing from
 * {@code io.cashews} or its other subpackages, except {@code io.cashews.time}. A class that needs
 * an API type ({@code Scope}, {@code Cashews}, …) does not belong here; a type here that the API
 * hands out is adapted by the API (a {@link io.cashews.base.ThreadScopes.Frame} becomes a
 * {@code Scope} with {@code frame::close}). That is what keeps the API package and the
 * generated-code package {@code io.cashews.internal} from depending on each other. Application
 * code should not call these classes; they carry no compatibility promise.
 */
@NullMarked
package io.cashews.base;

import org.jspecify.annotations.NullMarked;
