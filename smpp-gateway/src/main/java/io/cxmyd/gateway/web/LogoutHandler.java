package io.cxmyd.gateway.web;

import java.util.concurrent.CompletableFuture;

/** {@code POST /api/v1/logout}: ends the session (on the server, not only in this browser); 204. */
final class LogoutHandler implements WebHandler {

    private final Sessions sessions;
    private final SessionCookie cookie;

    LogoutHandler(Sessions sessions, SessionCookie cookie) {
        this.sessions = sessions;
        this.cookie = cookie;
    }

    @Override
    public CompletableFuture<WebResponse> handle(WebRequest request) {
        return sessions.close(request.cookie(Sessions.COOKIE).orElse(null))
                .thenApply(v -> WebResponse.empty(204).withHeader("Set-Cookie", cookie.clear()));
    }
}
