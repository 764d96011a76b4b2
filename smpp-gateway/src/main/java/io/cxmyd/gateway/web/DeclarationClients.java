package io.cxmyd.gateway.web;

import io.cxmyd.gateway.config.GatewayConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Who may call the declaration check: {@code Authorization: Bearer KEY} against every configured key, each
 * compared in constant time and all of them always compared, so the time of a refusal says nothing about
 * which key came close.
 */
final class DeclarationClients {

    private record Entry(GatewayConfig.Web.Client client, byte[] digest) {
    }

    private final List<Entry> entries;

    DeclarationClients(List<GatewayConfig.Web.Client> clients) {
        this.entries = clients.stream().map(c -> new Entry(c, sha256(c.key()))).toList();
    }

    Optional<GatewayConfig.Web.Client> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        // Digests of equal length: isEqual is then constant-time whatever the length of the key offered.
        byte[] offered = sha256(authorization.substring(7).strip());
        GatewayConfig.Web.Client match = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.digest, offered)) {
                match = e.client;
            }
        }
        return Optional.ofNullable(match);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
