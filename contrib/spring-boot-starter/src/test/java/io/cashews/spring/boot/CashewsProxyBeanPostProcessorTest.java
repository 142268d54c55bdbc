package io.cashews.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.ProxyFactory;
import io.cashews.spring.boot.proxied.CountingGreetings;
import io.cashews.spring.boot.proxied.FancyGreetings;
import io.cashews.spring.boot.proxied.FancyGreetings_Cached;
import io.cashews.spring.boot.proxied.Greeter;
import io.cashews.spring.boot.proxied.Greetings;
import io.cashews.spring.boot.proxied.Greetings_Cached;
import io.cashews.spring.boot.proxied.Prices;
import io.cashews.spring.boot.proxied.Shop;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/**
 * {@code cashews.proxies.auto}: beans implementing an interface with a generated proxy (the
 * proxies of this module's test interfaces, written by the real processor) become that proxy.
 */
class CashewsProxyBeanPostProcessorTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CashewsAutoConfiguration.class));

    @Configuration(proxyBeanMethods = false)
    static class Application {
        @Bean
        CountingGreetings greetings() {
            return new CountingGreetings();
        }

        @Bean
        Greeter greeter(Greetings greetings) {
            return new Greeter(greetings);
        }
    }

    @Test
    void theProcessorIndexedThisModulesTestInterfaces() throws IOException {
        // One index per compiled unit: this module's test classes, and the test-jar of
        // runtime-redis (whose tests are processed too) on the class path.
        List<String> indexes = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/cashews/proxies"))) {
            try (InputStream in = url.openStream()) {
                indexes.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(indexes).contains("""
                io.cashews.spring.boot.proxied.FancyGreetings=io.cashews.spring.boot.proxied.FancyGreetings_Cached
                io.cashews.spring.boot.proxied.Greetings=io.cashews.spring.boot.proxied.Greetings_Cached
                io.cashews.spring.boot.proxied.Prices=io.cashews.spring.boot.proxied.Prices_Cached
                """);
        // ServiceLoader merges the units' factory lists.
        assertThat(ProxyFactory.installed(getClass().getClassLoader())).extracting(f -> (Object) f.type())
                .contains(FancyGreetings.class, Greetings.class, Prices.class)
                .hasSize(indexes.stream().mapToInt(index -> index.split("\n").length).sum());
    }

    @Test
    void aBeanIsReplacedByItsProxyAndInjectedThroughTheConstructorByItsInterface() {
        runner.withUserConfiguration(Application.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(Greetings.class)).as("one bean").containsOnlyKeys("greetings");
            Greetings greetings = context.getBean(Greetings.class);
            assertThat(greetings).isInstanceOf(Greetings_Cached.class);
            Greeter greeter = context.getBean(Greeter.class);
            assertThat(greeter.greetings()).isSameAs(greetings);
            assertThat(greeter.welcome("ann")).isEqualTo("hello ann!");
            assertThat(greeter.welcome("ann")).isEqualTo("hello ann!");
            assertThat(context.getBean(Cashews.class).<String>get("greet:ann")).isEqualTo("hello ann");
            // The context predicts the proxy's type: the implementation class is no bean type any more.
            assertThat(context.getType("greetings")).isEqualTo(Greetings_Cached.class);
            assertThat(context.getBeanNamesForType(CountingGreetings.class)).isEmpty();
        });
    }

    @Test
    void theImplementationRunsOncePerKey() {
        CountingGreetings implementation = new CountingGreetings();
        runner.withBean("greetings", Greetings.class, () -> implementation).run(context -> {
            Greetings greetings = context.getBean(Greetings.class);
            greetings.greet("bob");
            greetings.greet("bob");
            greetings.greet("cid");
            assertThat(implementation.calls()).isEqualTo(2);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class ExplicitProxy {
        @Bean
        Greetings greetings(Cashews cache) {
            return new Greetings_Cached(new CountingGreetings(), cache);
        }
    }

    @Test
    void anExplicitProxyBeanIsNeverWrappedAgain() {
        runner.withUserConfiguration(ExplicitProxy.class).run(context -> {
            assertThat(context.getBean(Greetings.class)).isInstanceOf(Greetings_Cached.class);
            assertThat(context.getBean(Greetings.class).greet("dan")).isEqualTo("hello dan");
            assertThat(context.getBean(Cashews.class).<String>get("greet:dan")).isEqualTo("hello dan");
        });
        try (Cashews own = Cashews.create("mem://")) {
            Greetings made = new Greetings_Cached(new CountingGreetings(), own);
            runner.withBean("greetings", Greetings.class, () -> made).run(context -> {
                assertThat(context.getBean(Greetings.class)).as("the very instance, not a proxy of it").isSameAs(made);
            });
        }
    }

    @Test
    void aBeanOfASubInterfaceGetsTheProxyThatImplementsBoth() {
        runner.withBean("fancy", FancyGreetings.class, () -> new FancyGreetings() {
            @Override
            public String greet(String name) {
                return "hi " + name;
            }

            @Override
            public String bow(String name) {
                return "*bows to " + name + "*";
            }
        }).withBean(Greeter.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(FancyGreetings.class)).isInstanceOf(FancyGreetings_Cached.class);
            assertThat(context.getBean(Greeter.class).greetings()).isSameAs(context.getBean(FancyGreetings.class));
            assertThat(context.getBean(FancyGreetings.class).bow("eve")).isEqualTo("*bows to eve*");
            assertThat(context.getBean(Cashews.class).<String>get("bow:eve")).isEqualTo("*bows to eve*");
        });
    }

    @Test
    void aBeanImplementingTwoUnrelatedProxiedInterfacesFailsTheContextNamingBoth() {
        runner.withBean("shop", Shop.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("bean 'shop' of " + Shop.class.getName()
                            + " implements " + Greetings.class.getName() + " and " + Prices.class.getName())
                    .hasStackTraceContaining("cashews.proxies.auto=false");
        });
        runner.withBean("shop", Shop.class).withPropertyValues("cashews.proxies.auto=false").run(context ->
                assertThat(context.getBean(Greetings.class)).isInstanceOf(Shop.class));
    }

    @Test
    void nothingIsWrappedWhenSwitchedOff() {
        runner.withUserConfiguration(Application.class).withPropertyValues("cashews.proxies.auto=false").run(context -> {
            assertThat(context).doesNotHaveBean(CashewsProxyBeanPostProcessor.class);
            assertThat(context.getBean(Greetings.class)).isInstanceOf(CountingGreetings.class);
            assertThat(context.getBean(Greeter.class).welcome("fay")).isEqualTo("hello fay!");
            assertThat(context.getBean(Cashews.class).exists("greet:fay")).isFalse();
        });
        runner.withUserConfiguration(Application.class).withPropertyValues("cashews.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(CashewsProxyBeanPostProcessor.class);
            assertThat(context.getBean(Greetings.class)).isInstanceOf(CountingGreetings.class);
        });
    }

    @Test
    void aContextWithoutIndexedInterfacesKeepsItsBeans() {
        // No factory on the class path: the index of this module's tests is hidden.
        FilteredClassLoader withoutIndex = new FilteredClassLoader(new ClassPathResource("META-INF/services/io.cashews.ProxyFactory"));
        runner.withClassLoader(withoutIndex).withUserConfiguration(Application.class).run(context -> {
            assertThat(context.getBean(CashewsProxyBeanPostProcessor.class).factories()).isEmpty();
            assertThat(context.getBean(Greetings.class)).isInstanceOf(CountingGreetings.class);
        });
        // Beans of other types are never touched, with or without an index.
        StringBuilder plain = new StringBuilder("x");
        runner.withBean("plain", StringBuilder.class, () -> plain).run(context ->
                assertThat(context.getBean("plain")).isSameAs(plain));
    }

    static class Cycle implements Greetings {
        @Autowired
        Partner partner;

        @Override
        public String greet(String name) {
            return "cycle " + name;
        }
    }

    static class Partner {
        @Autowired
        Greetings greetings;
    }

    @Test
    void aBeanExposedEarlyForACircularReferenceIsWrappedOnce() {
        runner.withAllowCircularReferences(true).withBean("cycle", Cycle.class).withBean("partner", Partner.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Greetings greetings = context.getBean(Greetings.class);
                    assertThat(greetings).isInstanceOf(Greetings_Cached.class);
                    assertThat(context.getBean(Partner.class).greetings).isSameAs(greetings);
                });
    }
}
