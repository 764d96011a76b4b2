package io.cxmyd.gateway.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxmyd.gateway.ops.GatewayMetrics;
import io.cxmyd.gateway.ops.WebCodeResult;
import io.cxmyd.itinerary.Msisdn;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /api/v1/itinerary} {@code {"msisdn":"…","code":"123456"}}: with the right code, 200 with the card
 * and a session cookie; 401 for a wrong, expired, used or dead code (a dead one says so, even for the right
 * digits); 400 when the body is not a number and a code.
 */
final class CodeCheckHandler implements WebHandler {

    private final CodeBook codes;
    private final Sessions sessions;
    private final SessionCookie cookie;
    private final Cards cards;
    private final GatewayMetrics metrics;

    CodeCheckHandler(CodeBook codes, Sessions sessions, SessionCookie cookie, Cards cards, GatewayMetrics metrics) {
        this.codes = codes;
        this.sessions = sessions;
        this.cookie = cookie;
        this.cards = cards;
        this.metrics = metrics;
    }

    @Override
    public CompletableFuture<WebResponse> handle(WebRequest request) {
        Optional<ObjectNode> body = JsonBody.object(request);
        Optional<Msisdn> msisdn = body.flatMap(JsonBody::msisdn);
        Optional<String> code = body.flatMap(b -> JsonBody.text(b, "code"));
        if (msisdn.isEmpty() || code.isEmpty()) {
            return CompletableFuture.completedFuture(WebResponse.error(400, "bad_request"));
        }
        if (!CodeBook.wellFormed(code.get())) {
            metrics.webCode(WebCodeResult.FAILED);
            return CompletableFuture.completedFuture(WebResponse.error(401, "wrong_code"));
        }
        return codes.check(msisdn.get(), code.get()).thenCompose(check -> {
            if (check != CodeBook.Check.VERIFIED) {
                metrics.webCode(WebCodeResult.FAILED);
                return CompletableFuture.completedFuture(
                        WebResponse.error(401, check == CodeBook.Check.DEAD ? "code_dead" : "wrong_code"));
            }
            metrics.webCode(WebCodeResult.VERIFIED);
            return sessions.open(msisdn.get()).thenCompose(token -> cards.card(msisdn.get())
                    .thenApply(card -> card.withHeader("Set-Cookie", cookie.set(token))));
        });
    }
}
