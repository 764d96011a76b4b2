package io.cxmyd.gateway.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cxmyd.gateway.ops.GatewayMetrics;
import io.cxmyd.gateway.ops.WebCodeResult;
import io.cxmyd.itinerary.Msisdn;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /api/v1/codes} {@code {"msisdn":"…"}}: 202 for every well-formed mainland mobile number, known or
 * not (the code goes by SMS only to a known one); 400 for anything else; 429 with Retry-After within the
 * per-number minute or past a budget.
 */
final class CodeRequestHandler implements WebHandler {

    private final CodeBook codes;
    private final CodeSender sender;
    private final GatewayMetrics metrics;

    CodeRequestHandler(CodeBook codes, CodeSender sender, GatewayMetrics metrics) {
        this.codes = codes;
        this.sender = sender;
        this.metrics = metrics;
    }

    @Override
    public CompletableFuture<WebResponse> handle(WebRequest request) {
        Optional<Msisdn> msisdn = JsonBody.object(request).flatMap(JsonBody::msisdn);
        if (msisdn.isEmpty()) {
            return CompletableFuture.completedFuture(WebResponse.error(400, "bad_msisdn"));
        }
        metrics.webCode(WebCodeResult.ASKED);
        return codes.ask(msisdn.get(), request.client().getHostAddress()).thenApply(ask -> {
            if (ask instanceof CodeBook.Ask.Refused r) {
                metrics.webCode(WebCodeResult.REFUSED);
                return WebResponse.error(429, "too_many_codes")
                        .withHeader("Retry-After", Long.toString(Math.max(1, (r.retryAfter().toMillis() + 999) / 1000)));
            }
            sender.send(msisdn.get(), ((CodeBook.Ask.Issued) ask).code());
            return WebResponse.json(202, JsonNodeFactory.instance.objectNode()
                    .put("status", "accepted").put("resendAfter", CodeBook.GAP.toSeconds()));
        });
    }
}
