/**
 * Spring Boot auto-configuration of Cashews (SPEC §15): the {@link io.cashews.Cashews} bean from
 * {@code cashews.*} properties, {@link io.cashews.spring.boot.CashewsCustomizer}s, the Spring
 * cache manager behind {@code cashews.spring-cache.enabled}, and the servlet filters behind
 * {@code cashews.web.*.enabled}. Listed in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}, never
 * component-scanned; every bean backs off when the application defines its own.
 */
@NullMarked
package io.cashews.spring.boot;

import org.jspecify.annotations.NullMarked;
