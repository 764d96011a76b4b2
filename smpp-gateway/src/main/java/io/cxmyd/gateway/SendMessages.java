package io.cxmyd.gateway;

import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.itinerary.Msisdn;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * What {@code send} tells the person at the terminal when the gateway does not answer as hoped: one line, the
 * SMPP status when there is one, then in words what it means and what to check. Pure.
 */
final class SendMessages {

    private SendMessages() {
    }

    /** Where send tried to bind, and from which config file. */
    record Target(String host, int port, String systemId, String carrierId, String configFile) {

        String hostPort() {
            return host + ":" + port;
        }
    }

    /** The bind did not happen: why, from the exception's cause or the gateway's bind_resp status. */
    static String cannotBind(Target t, SmppStatus status, Throwable failure) {
        if (status != null) {
            return "cannot send: the gateway at " + t.hostPort() + " refused the bind as " + t.systemId() + ": "
                    + status + " (" + bindRefusal(status, t) + ")";
        }
        Throwable cause = rootOf(failure, ConnectException.class, UnknownHostException.class,
                NoRouteToHostException.class, SocketTimeoutException.class);
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return "cannot send: nothing listens on " + t.hostPort() + " (smpp.host and smpp.port of "
                    + t.configFile() + "): is the gateway running, with this config, on this machine?";
        }
        if (cause instanceof UnknownHostException) {
            return "cannot send: no such host " + t.host() + " (smpp.host of " + t.configFile() + ")";
        }
        if (cause instanceof SocketTimeoutException) {
            return "cannot send: " + t.hostPort() + " did not answer the bind in time: is it the gateway's SMPP "
                    + "port (not its metrics port), and is the gateway still starting?";
        }
        return "cannot send: bind to " + t.hostPort() + " failed: " + describe(failure);
    }

    private static String bindRefusal(SmppStatus status, Target t) {
        return switch (status) {
            case ESME_RINVPASWD -> "wrong password: the gateway runs with another password for " + t.carrierId()
                    + " than " + t.configFile();
            case ESME_RINVSYSID -> "unknown system id: the gateway runs with a config that has no carrier with"
                    + " systemId " + t.systemId();
            case ESME_RBINDFAIL -> "the address is outside the carrier's allowFrom, the carrier is locked out after"
                    + " failed binds, or it holds maxBinds binds already (docs/smpp.md)";
            case ESME_RX_T_APPN -> "the gateway is stopping";
            default -> "see docs/smpp.md";
        };
    }

    /** The gateway answered the submit_sm with an error status. */
    static String refused(SmppStatus status, String from, String to, String carrierId) {
        return "submit_sm refused: " + status + ": " + switch (status) {
            case ESME_RINVSRCADR -> "the gateway refused the source number " + from
                    + " (not a mainland mobile number, or one of the service numbers)";
            case ESME_RINVDSTADR -> "the gateway refused the destination " + to + " (not a service number of "
                    + carrierId + " in the config the gateway runs with)";
            case ESME_RINVDCS, ESME_RINVMSGLEN -> "the gateway could not read the text (data_coding or length)";
            case ESME_RTHROTTLED, ESME_RMSGQFUL -> "the gateway is busy (its queues are full); try again shortly";
            case ESME_RX_T_APPN -> "the gateway takes no queries right now (it is stopping, the carrier is suspended"
                    + " through /admin, or its journal cannot record them); try again shortly";
            case ESME_RSYSERR -> "the gateway failed while taking the message; its log says why";
            case ESME_RINVBNDSTS -> "the bind cannot send (a receiver bind?)";
            default -> "the gateway refused the message (docs/smpp.md lists the statuses)";
        };
    }

    /** Why no reply came, given how many silent throttles the gateway counted meanwhile (-1: not known). */
    static String noReply(String timeout, String from, long throttledMeanwhile, String perSubscriber, String configFile) {
        String head = "no reply within " + timeout + ": ";
        if (throttledMeanwhile > 0) {
            return head + "the gateway took the text but counted " + Msisdn.mask(from) + " over the per-subscriber limit"
                    + " (limits.perSubscriber: " + perSubscriber + " in " + configFile + "): past the limit it sends"
                    + " one \"查询过于频繁\" reply, then nothing until the window ends; wait, or use another number"
                    + " of docs/demo-data.md";
        }
        if (throttledMeanwhile == 0) {
            return head + "the gateway took the text (submit_sm_resp ESME_ROK) but sent no reply: its log and "
                    + "/metrics say why (a slow itinerary source, or replies queued behind a carrier that does "
                    + "not take them)";
        }
        return head + "the gateway took the text (submit_sm_resp ESME_ROK) but sent no reply; if " + Msisdn.mask(from)
                + " sent more than the per-subscriber limit allows (limits.perSubscriber: " + perSubscriber
                + "), the gateway stays silent until the window ends";
    }

    private static Throwable rootOf(Throwable t, Class<?>... kinds) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            for (Class<?> k : kinds) {
                if (k.isInstance(c)) {
                    return c;
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    private static String describe(Throwable t) {
        Throwable deepest = t;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage();
        return message == null ? deepest.getClass().getSimpleName() : message;
    }
}
