/**
 * Spring Boot auto-configuration of Cashews (SPEC §15): the {@link io.cashews.Cashews} bean from
 * {@code cashews.*} properties, {@link io.cashews.spring.boot.CashewsCustomizer}s, the Spring
 * cache manager behind {@code cashews.spring-cache.enabled}, the servlet filters behind
 * {@code cashews.web.*.enabled}, beans replaced by their generated proxies
 * ({@code cashews.proxies.auto}), and with the actuator the {@code cashews} health contributor,
 * the {@code cashews} endpoint and cache meters for the Spring caches. Listed in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}, never
 * component-scanned; every bean backs off when the application defines its own.
 */
@NullMarked
package io.cashews.spring.boot;

import org.jspecify.annotations.NullMarked;
