package io.cashews.processor;

/**
 * What one caching annotation does to a method, resolved and validated. Each annotation the
 * processor supports adds one implementation and one writer rule.
 */
sealed interface Strategy permits CacheStrategy, DecoratorStrategy {}
