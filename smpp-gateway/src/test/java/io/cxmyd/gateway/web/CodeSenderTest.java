package io.cxmyd.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.cxmyd.gateway.delivery.Notices;
import io.cxmyd.gateway.ops.GatewayMetrics;
import io.cxmyd.itinerary.ItineraryClient;
import io.cxmyd.itinerary.Msisdn;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CodeSenderTest {

    /**
     * The carrier lookup often completes on an event loop (Redis's, or at once on the web port's own when the
     * near cache knows the number): queuing the SMS there could write a deliver_sm on it, which waits when the
     * carrier stops reading. It is queued on the sender's own thread instead.
     */
    @Test
    void theSmsIsQueuedOffTheThreadThatCompletedTheLookup() throws Exception {
        ItineraryClient client = mock(ItineraryClient.class);
        when(client.registeredCarrier(any(), any()))
                .thenReturn(CompletableFuture.completedFuture(Optional.of("china-mobile")));
        Notices notices = mock(Notices.class);
        CompletableFuture<String> queuedOn = new CompletableFuture<>();
        when(notices.send(eq("china-mobile"), eq("10086"), any(), anyString(), eq("web_code"))).thenAnswer(i -> {
            queuedOn.complete(Thread.currentThread().getName());
            return true;
        });
        try (CodeSender sender = new CodeSender(client, Instant::now, notices,
                Map.of("china-mobile", new CodeSender.Link("10086", "【中国移动】")), mock(GatewayMetrics.class))) {
            sender.send(Msisdn.parse("13800138000"), "123456");

            assertThat(queuedOn.get(5, TimeUnit.SECONDS)).isEqualTo("web-code-sms")
                    .isNotEqualTo(Thread.currentThread().getName());
        }
    }
}
