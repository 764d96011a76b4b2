package io.cxmyd.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/** One file of the page, read once from the jar ({@code io/cxmyd/gateway/web/static/}). */
final class StaticFile implements WebHandler {

    private final WebResponse response;

    StaticFile(String name, String contentType) {
        String path = "static/" + name;
        try (InputStream in = StaticFile.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("web: " + path + " missing from the jar");
            }
            response = new WebResponse(200, contentType, in.readAllBytes(), java.util.Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CompletableFuture<WebResponse> handle(WebRequest request) {
        return CompletableFuture.completedFuture(response);
    }
}
