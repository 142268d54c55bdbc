package readme.prelude;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * The small types that the snippets of README.md and docs/ use without declaring them
 * (ReadmeSnippetsTest compiles every snippet with {@code import readme.prelude.Prelude.*}).
 * Keep them plain: a reader of the guide should be able to guess each one from its name.
 */
public final class Prelude {
    private Prelude() {}

    public record User(String uid, String name) implements Serializable {}

    public record Request(User user, String path) {}

    public record Status(String name, boolean up) implements Serializable {}

    public record Order(long id, String customer, long cents) implements Serializable {}

    public record Receipt(long orderId, String reference) implements Serializable {}

    public record Product(String sku, String name, long cents) implements Serializable {}

    public record Forecast(String city, double celsius) implements Serializable {}

    public record Report(LocalDate day, List<String> lines) implements Serializable {}

    public enum Currency { EUR, USD, GBP }
}
