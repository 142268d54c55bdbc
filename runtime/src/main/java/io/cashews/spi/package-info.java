/**
 * The backend SPI: what a storage module implements to plug into {@link io.cashews.Cashews}: a
 * {@link io.cashews.spi.Backend}, the storage that {@code setup(url)} returns. A
 * module ships a {@link io.cashews.spi.BackendProvider} listed in
 * {@code META-INF/services/io.cashews.spi.BackendProvider}; {@code setup(url)} picks it by URL
 * scheme and calls it with a {@link io.cashews.spi.BackendContext} (parsed URL, typed
 * {@link io.cashews.spi.Options}, the instance's clock and executor). A remote backend extends
 * {@link io.cashews.spi.AbstractAsyncBackend} and writes only the asynchronous commands; a
 * blocking one extends {@link io.cashews.spi.AbstractBlockingBackend} and writes only the
 * synchronous ones, and one whose synchronous commands never block (an in-memory store) extends
 * {@link io.cashews.spi.AbstractImmediateBackend}, whose asynchronous commands answer with completed
 * futures. Patterns arrive compiled as {@link io.cashews.spi.Glob}. A decorator of backends
 * (middleware, metrics) extends {@link io.cashews.spi.ForwardingBackend} and writes one method,
 * {@code intercept}, that receives every command, synchronous or asynchronous, as a
 * {@link io.cashews.spi.BackendCall} it may run on the decorated backend.
 */
@NullMarked
package io.cashews.spi;

import org.jspecify.annotations.NullMarked;
