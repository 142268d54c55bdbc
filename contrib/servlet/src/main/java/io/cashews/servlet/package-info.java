/**
 * Servlet filters driven by the cache itself (SPEC §16), usable in any servlet container:
 * <ul>
 *   <li>{@link io.cashews.servlet.CashewsCacheControlFilter}: a request's {@code Cache-Control}
 *       ({@code no-cache}, {@code no-store}, {@code max-age}) decides what the cache may read and
 *       store while it runs, and a response served from cache hits says how fresh it is;</li>
 *   <li>{@link io.cashews.servlet.CashewsEtagFilter}: ETags derived from what the cache served
 *       and stored for a request, and {@code 304 Not Modified} without running the handler while
 *       that data is unchanged;</li>
 *   <li>{@link io.cashews.servlet.CashewsClearSiteDataFilter}: a request carrying
 *       {@code Clear-Site-Data: "cache"} recomputes everything it reads.</li>
 * </ul>
 */
@NullMarked
package io.cashews.servlet;

import org.jspecify.annotations.NullMarked;
