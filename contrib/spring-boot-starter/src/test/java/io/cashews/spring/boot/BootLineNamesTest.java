package io.cashews.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

/**
 * The starter runs on Boot 3.5 and 4.0 (sample-boot4 checks the other line): its
 * auto-configurations name the classes that moved between the lines instead of referring to them,
 * so that their annotations read on either.
 */
class BootLineNamesTest {

    @Test
    void everyAutoConfigurationReadsByReflectionAndNamesThisLinesCacheAutoConfiguration() throws Exception {
        List<String> listed = new ArrayList<>();
        ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).forEach(name -> {
            if (name.startsWith("io.cashews.")) {
                listed.add(name);
            }
        });
        assertThat(listed).containsExactly(CashewsAutoConfiguration.class.getName(), CashewsCacheAutoConfiguration.class.getName(),
                CashewsWebAutoConfiguration.class.getName(), CashewsMetricsAutoConfiguration.class.getName(),
                CashewsActuatorAutoConfiguration.class.getName());
        for (String name : listed) {
            AutoConfiguration annotation = Class.forName(name).getAnnotation(AutoConfiguration.class);
            assertThat(annotation).as(name).isNotNull();
            assertThatCode(annotation::before).as(name).doesNotThrowAnyException();
            assertThatCode(annotation::after).as(name).doesNotThrowAnyException();
        }
        assertThat(CashewsCacheAutoConfiguration.class.getAnnotation(AutoConfiguration.class).beforeName())
                .containsExactly(CacheAutoConfiguration.class.getName(), CashewsCacheAutoConfiguration.BOOT_4_CACHE_AUTO_CONFIGURATION);
    }
}
