package io.cxmyd.gateway.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.smpp.client.ReceivedReply;
import io.cxmyd.gateway.smpp.client.SmppClient;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The client that {@code send} and the tests use, against a raw SMSC socket: a deliver_sm that follows the
 * bind_resp at once (as a gateway holding replies for the carrier sends it) is taken, and the client does not
 * leave before its deliver_sm_resp is on the wire; else the gateway keeps that reply and sends it forever.
 */
class SmppClientAcknowledgementIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aDeliverSmRightAfterTheBindRespIsTakenAndAnsweredBeforeTheUnbind() throws Exception {
        try (ServerSocket smsc = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<SmppClient> binding = CompletableFuture.supplyAsync(() -> {
                try {
                    return SmppClient.bind(SmppClient.Options.transceiver("127.0.0.1", smsc.getLocalPort(), "cmcc",
                            "cm-pass1"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket accepted = smsc.accept(); RawSmppSocket peer = new RawSmppSocket(accepted)) {
                RawSmppSocket.Pdu bind = peer.read(WAIT);
                assertThat(bind.commandId()).isEqualTo(Pdus.BIND_TRANSCEIVER);
                // One write: the deliver_sm is on the socket before the client's bind call has returned.
                ByteArrayOutputStream both = new ByteArrayOutputStream();
                both.writeBytes(Pdus.pdu(Pdus.BIND_TRANSCEIVER | Pdus.RESP, 0, bind.sequence(), cstring("gw")));
                both.writeBytes(deliverSm(7, "10086", "13800138000", "held reply"));
                peer.write(both.toByteArray());

                SmppClient client = binding.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                Optional<ReceivedReply> reply = client.awaitReply(WAIT);
                assertThat(reply).as("the deliver_sm sent with the bind_resp").isPresent();
                assertThat(reply.get().text()).isEqualTo("held reply");

                CompletableFuture<Void> closing = CompletableFuture.runAsync(client::close);
                RawSmppSocket.Pdu first = peer.readAnsweringEnquireLinks(WAIT);
                assertThat(first.commandId()).as("deliver_sm_resp before the unbind").isEqualTo(Pdus.DELIVER_SM | Pdus.RESP);
                assertThat(first.status()).isZero();
                assertThat(first.sequence()).isEqualTo(7);
                RawSmppSocket.Pdu unbind = peer.readAnsweringEnquireLinks(WAIT);
                assertThat(unbind.commandId()).isEqualTo(Pdus.UNBIND);
                peer.write(Pdus.pdu(Pdus.UNBIND | Pdus.RESP, 0, unbind.sequence(), new byte[0]));
                closing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    private static byte[] deliverSm(int sequence, String from, String to, String text) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(cstring(""));       // service_type
        body.write(0);                      // source_addr_ton
        body.write(1);                      // source_addr_npi
        body.writeBytes(cstring(from));
        body.write(1);                      // dest_addr_ton
        body.write(1);                      // dest_addr_npi
        body.writeBytes(cstring(to));
        body.write(0);                      // esm_class
        body.write(0);                      // protocol_id
        body.write(0);                      // priority_flag
        body.writeBytes(cstring(""));       // schedule_delivery_time
        body.writeBytes(cstring(""));       // validity_period
        body.write(0);                      // registered_delivery
        body.write(0);                      // replace_if_present_flag
        body.write(0);                      // data_coding
        body.write(0);                      // sm_default_msg_id
        byte[] sm = text.getBytes(StandardCharsets.US_ASCII);
        body.write(sm.length);
        body.writeBytes(sm);
        return Pdus.pdu(Pdus.DELIVER_SM, 0, sequence, body.toByteArray());
    }

    private static byte[] cstring(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, b.length);
        return out;
    }
}
