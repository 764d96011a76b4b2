package io.cxmyd.batch.it;

import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.client.ReceivedReply;
import io.cxmyd.gateway.smpp.client.SmppClient;
import java.time.Duration;
import java.util.Optional;

/**
 * Run in a JVM of its own on the gateway jar's class path (the gateway's SMPP libraries stay off Spark's):
 * {@code SmppAsk PORT SYSTEM_ID PASSWORD SERVICE_NUMBER NUMBER...} binds once as a carrier, sends CXMYD
 * from each number in turn and prints {@code number<TAB>reply} per line (line breaks in a reply as \n).
 */
public final class SmppAsk {

    private SmppAsk() {
    }

    public static void main(String[] args) throws Exception {
        SmppClient.Options options = SmppClient.Options.transceiver("127.0.0.1", Integer.parseInt(args[0]), args[1],
                args[2]).withTimeout(Duration.ofSeconds(30));
        try (SmppClient client = SmppClient.bind(options)) {
            for (int i = 4; i < args.length; i++) {
                SmppStatus status = client.submit(args[i], args[3], "CXMYD");
                String reply;
                if (status != SmppStatus.ESME_ROK) {
                    reply = "submit_sm refused: " + status;
                } else {
                    Optional<ReceivedReply> r = client.awaitReply(Duration.ofSeconds(30));
                    reply = r.map(ReceivedReply::text).orElse("no reply");
                }
                System.out.println(args[i] + "\t" + reply.replace("\n", "\\n"));
            }
        }
        System.exit(0);
    }
}
