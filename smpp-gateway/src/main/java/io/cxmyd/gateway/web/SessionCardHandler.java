package io.cxmyd.gateway.web;

import java.util.concurrent.CompletableFuture;

/** {@code GET /api/v1/itinerary}: the session's card (200), or 401 without a live session. */
final class SessionCardHandler implements WebHandler {

    private final Sessions sessions;
    private final Cards cards;

    SessionCardHandler(Sessions sessions, Cards cards) {
        this.sessions = sessions;
        this.cards = cards;
    }

    @Override
    public CompletableFuture<WebResponse> handle(WebRequest request) {
        return sessions.find(request.cookie(Sessions.COOKIE).orElse(null)).thenCompose(msisdn -> msisdn.isPresent()
                ? cards.card(msisdn.get())
                : CompletableFuture.completedFuture(WebResponse.error(401, "no_session")));
    }
}
