package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.codec.ValueCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README's {@code redis://} table names exactly the options the Redis backend reads: an option
 * added without a row, or a row for an option that does not exist, fails here.
 */
class ReadmeRedisOptionsTest {

    private static final String HEADING = "### `redis://` and `rediss://`";
    private static final Pattern CODE = Pattern.compile("`([a-z_]+)`");

    @Test
    void theRedisTableNamesEveryRedisOptionAndNoOther() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("README.md")) && Files.exists(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root").isNotNull();
        String readme = Files.readString(dir.resolve("README.md"), StandardCharsets.UTF_8);
        int at = readme.indexOf("\n" + HEADING + "\n");
        assertThat(at).as("README heading %s", HEADING).isNotNegative();

        Set<String> documented = new LinkedHashSet<>();
        boolean inTable = false;
        for (String line : readme.substring(at + HEADING.length() + 2).split("\n")) {
            if (line.startsWith("|")) {
                inTable = true;
                String first = line.split("\\|")[1];
                if (first.contains("value options")) {
                    documented.addAll(ValueCodec.OPTION_NAMES);
                }
                Matcher m = CODE.matcher(first);
                while (m.find()) {
                    documented.add(m.group(1));
                }
            } else if (inTable) {
                break;
            }
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(new RedisBackendProvider().optionNames());
    }
}
