package com.example.greetings;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * README's complete Boot application runs as shown (ReadmeSnippetsTest checks that README's block
 * is this module's file): the service bean is replaced by its proxy, and a second request with
 * the same name is answered from the cache.
 */
@SpringBootTest(classes = GreetingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "cashews.url=mem://")
class GreetingApplicationTest {

    @LocalServerPort
    int port;

    @Autowired
    Greetings greetings;

    @Autowired
    Cashews cache;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void theReadmeApplicationServesTheSecondGreetingFromTheCache() throws Exception {
        assertThat(greetings).isInstanceOf(Greetings_Cached.class);

        assertThat(get("/greet/Ada")).isEqualTo("Hello, Ada (computed 1 time(s))");
        assertThat(get("/greet/Ada")).isEqualTo("Hello, Ada (computed 1 time(s))");
        assertThat(get("/greet/Grace")).isEqualTo("Hello, Grace (computed 2 time(s))");
        assertThat(cache.exists("greeting:Ada")).isTrue();
        assertThat(cache.getExpire("greeting:Ada")).isBetween(1L, 600L);
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
