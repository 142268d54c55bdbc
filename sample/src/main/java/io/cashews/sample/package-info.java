/**
 * A small application that shows Cashews at work: two annotated service interfaces, one
 * blocking and one asynchronous, slow implementations standing in for remote calls, and the
 * generated {@code *_Cached} proxies wired around them by plain constructor injection. Run it
 * with {@code CACHE_URL} unset to cache in memory ({@code mem://}), or point it at another
 * backend: {@code CACHE_URL='disk://?directory=sample-cache'} caches in SQLite files there, so a
 * second run is served from the first run's files.
 */
package io.cashews.sample;
