/**
 * Scanning: typed readers over {@code AnnotationMirror}s. Each attribute is read with its
 * {@code AnnotationValue} node kept for error positions, and {@code Class}-valued attributes as
 * {@code TypeMirror}s (never through {@code getAnnotation(X.class)}); a class javac could not
 * resolve yet raises {@link io.cashews.processor.mirror.UnresolvedTypeException} so that the
 * interface is retried in a later round. Internal to the processor.
 */
@NullMarked
package io.cashews.processor.mirror;

import org.jspecify.annotations.NullMarked;
