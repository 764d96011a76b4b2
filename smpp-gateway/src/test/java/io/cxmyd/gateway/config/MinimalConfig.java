package io.cxmyd.gateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The smallest gateway.yml that loads, and how the config tests parse a variation of it. */
final class MinimalConfig {

    static final String YAML = """
            smpp: {}
            carriers:
              - id: china-mobile
                serviceNumbers: ["10086"]
                systemId: cmcc
                password: "cm-pass1"
            itinerary:
              source: local
              local:
                dir: data
            metrics: {}
            """;

    private MinimalConfig() {
    }

    /** {@link #YAML} with {@code lines} (keys of the carrier, unindented) added to its one carrier. */
    static String withCarrierLines(String lines) {
        return YAML.replace("password: \"cm-pass1\"\n", "password: \"cm-pass1\"\n" + lines.indent(4));
    }

    /** Parses {@code yaml} as {@code dir}/gateway.yml, with the dataset folder it names and {@code env}. */
    static GatewayConfig parse(Path dir, String yaml, Map<String, String> env) {
        try {
            Files.createDirectories(dir.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ConfigLoader(env::get).parse(yaml, dir, dir.resolve("gateway.yml"));
    }
}
