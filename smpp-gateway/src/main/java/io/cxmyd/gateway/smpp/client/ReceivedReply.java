package io.cxmyd.gateway.smpp.client;

import io.cxmyd.gateway.message.SmppAddress;

/**
 * A whole reply as the subscriber's phone would show it, put back together from its deliver_sm parts.
 *
 * @param source the service number it came from
 * @param destination the subscriber
 * @param text the decoded text of all parts, in order
 * @param parts how many deliver_sm carried it
 */
public record ReceivedReply(SmppAddress source, SmppAddress destination, String text, int parts) {
}
