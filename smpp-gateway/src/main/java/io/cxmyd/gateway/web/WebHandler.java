package io.cxmyd.gateway.web;

import java.util.concurrent.CompletableFuture;

/** One route's handler. Never blocks: the answer may wait for a lookup or the store, not the event loop. */
@FunctionalInterface
public interface WebHandler {

    CompletableFuture<WebResponse> handle(WebRequest request);
}
