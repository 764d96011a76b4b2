package io.cxmyd.gateway.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cxmyd.gateway.config.GatewayConfig.Cache;
import io.cxmyd.gateway.config.GatewayConfig.Carrier;
import io.cxmyd.gateway.config.GatewayConfig.Delivery;
import io.cxmyd.gateway.config.GatewayConfig.Itinerary;
import io.cxmyd.gateway.config.GatewayConfig.Limits;
import io.cxmyd.gateway.config.GatewayConfig.Metrics;
import io.cxmyd.gateway.config.GatewayConfig.Smpp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads and validates the YAML configuration (gateway-contract.md, "Configuration"): strict, so an unknown
 * key, a missing required key or a bad value is a {@link ConfigException} naming the key. Relative paths are
 * resolved against the file's folder.
 */
public final class ConfigLoader {

    private final Function<String, String> env;

    public ConfigLoader() {
        this(System::getenv);
    }

    /** With an environment of its own, for tests of {@code ${VAR}} substitution. */
    public ConfigLoader(Function<String, String> env) {
        this.env = env;
    }

    public GatewayConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("", "no configuration file at " + file);
        } catch (IOException e) {
            throw new ConfigException("", "cannot read " + file + ": " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, base, file);
    }

    /** Parses YAML text; relative paths resolve against {@code baseDir}. */
    public GatewayConfig parse(String yaml, Path baseDir, Path file) {
        JsonNode tree;
        try {
            YAMLMapper mapper = YAMLMapper.builder(new YAMLFactory())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build();
            tree = mapper.readTree(yaml);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException("", "not valid YAML" + where + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ConfigException("", "the configuration file is empty");
        }
        ConfigNode root = new ConfigNode("", tree, env);
        Smpp smpp = SmppSection.smpp(root.section("smpp"), baseDir);
        List<Carrier> carriers = CarrierSection.carriers(root, baseDir);
        Itinerary itinerary = ItinerarySection.itinerary(root.section("itinerary"), baseDir);
        Cache cache = ServiceSections.cache(root.optionalSection("cache"));
        Metrics metrics = ServiceSections.metrics(root.section("metrics"), smpp);
        Limits limits = ServiceSections.limits(root.optionalSection("limits"));
        Optional<Instant> clock = ServiceSections.clock(root);
        Delivery delivery = ServiceSections.delivery(root.optionalSection("delivery"));
        Map<String, String> templates = ServiceSections.templates(root);
        GatewayConfig.Admin admin = ServiceSections.admin(root.optionalSection("admin"), baseDir);
        GatewayConfig.Consent consent = StateSections.consent(root.optionalSection("consent"), baseDir, carriers);
        GatewayConfig.Journal journal = StateSections.journal(root.optionalSection("journal"), baseDir);
        GatewayConfig.Workers workers = ServiceSections.workers(root.optionalSection("workers"));
        GatewayConfig.Reassembly reassembly = ServiceSections.reassembly(root.optionalSection("reassembly"));
        StateSections.sharedState(root, cache, carriers, journal);
        Optional<GatewayConfig.Web> web = WebSection.web(root, metrics, smpp.port(), cache);
        root.finish();
        return new GatewayConfig(file, smpp, carriers, itinerary, cache, metrics, limits, clock, delivery,
                templates, admin, consent, journal, workers, web, reassembly);
    }

    static <E extends Enum<E>> E enumValue(ConfigNode n, String name, E dflt, Class<E> type) {
        String text = n.string(name, dflt.name().toLowerCase(Locale.ROOT));
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E v : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(v.name().toLowerCase(Locale.ROOT));
            }
            throw new ConfigException(n.key(name), "must be one of " + allowed + ", was \"" + text + "\"");
        }
    }
}
