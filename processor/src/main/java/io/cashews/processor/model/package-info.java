/**
 * The validated model of one proxy: immutable records that only the validator creates, so a
 * model that exists describes a valid proxy. {@link io.cashews.processor.model.ProxyModel} holds
 * the interface's methods, each with its {@link io.cashews.processor.model.Strategy} layers (a
 * sealed interface over one record per annotation), key plans and types as
 * {@link io.cashews.processor.model.TypeRef}s. Nothing here imports JavaPoet, the validator or the
 * writer, and nothing reads {@code javax.lang.model} beyond the interface element that passes
 * through to the {@code Filer} as the originating element. Internal to the processor: public only
 * so that the validation and writing packages can share it.
 */
@NullMarked
package io.cashews.processor.model;

import org.jspecify.annotations.NullMarked;
