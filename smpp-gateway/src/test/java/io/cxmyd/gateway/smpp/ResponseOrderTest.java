package io.cxmyd.gateway.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ResponseOrderTest {

    private final ResponseOrder order = new ResponseOrder();

    @Test
    void aDeliverySentAfterARequestBeganWaitsForItsResponse() throws InterruptedException {
        ResponseOrder.Ticket query = order.begin("china-mobile");
        assertThat(order.awaitResponses("china-mobile", Duration.ZERO)).as("response not written yet").isFalse();

        query.done();

        assertThat(order.awaitResponses("china-mobile", Duration.ZERO)).isTrue();
    }

    @Test
    void anotherCarriersRequestsAreNotWaitedFor() throws InterruptedException {
        order.begin("china-unicom");
        assertThat(order.awaitResponses("china-mobile", Duration.ZERO)).isTrue();
    }

    /** A ticket given back between the waiter's look at the set and its read of the lowest once threw. */
    @Test
    void ticketsReturnedWhileADeliveryWaitsNeverBreakIt() throws Exception {
        CompletableFuture<Void> requests = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 200_000; i++) {
                order.begin("china-mobile").done();
            }
        });
        while (!requests.isDone()) {
            order.awaitResponses("china-mobile", Duration.ofSeconds(5));
        }
        requests.get(30, TimeUnit.SECONDS);
        assertThat(order.awaitResponses("china-mobile", Duration.ZERO)).isTrue();
    }
}
