/**
 * Writing: {@link io.cashews.processor.writing.ProxyWriter} turns a model into the
 * {@code X_Cached} source with JavaPoet. The class skeleton is written there, each method by the
 * first {@code MethodWriter} rule that applies (delegating, the inlined lone {@code @Cache} of each
 * result shape, or a stack of layers), and each strategy's runtime object by its own
 * {@code LayerWriter}. Every runtime class name generated code uses lives in {@code RuntimeNames}.
 * The writer never sees an {@code Element} or {@code TypeMirror}: only model records, and the
 * interface element passed through to the {@code Filer}. Internal to the processor.
 */
@NullMarked
package io.cashews.processor.writing;

import org.jspecify.annotations.NullMarked;
