package io.cashews.processor;

/**
 * What one caching annotation does to a method, resolved and validated. Each annotation the
 * processor supports adds one implementation; every one is a {@link DecoratorStrategy}, so any
 * of them can be a layer of a stack ({@code @Cache} included, which alone keeps its inlined
 * writers).
 */
sealed interface Strategy permits DecoratorStrategy {}
