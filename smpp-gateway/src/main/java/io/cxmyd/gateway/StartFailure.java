package io.cxmyd.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;

/**
 * The one line {@code run} prints when the gateway cannot start. A failure the environment caused (a port
 * held by another process, a journal folder another gateway holds, Redis not answering) is something the person
 * starting it can fix, and a stack trace only hides the line that says how: it goes to the log at DEBUG. Any
 * other failure is a bug, and keeps its trace. Pure.
 */
final class StartFailure {

    private StartFailure() {
    }

    /** Whether an I/O failure is at the root of it: the machine or the network said no, not our code. */
    static boolean userCanFix(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IOException || c instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    /** The exception's message, and for a port in use what to do about it. */
    static String describe(Throwable e, Path configFile) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof BindException) {
                return message + " (another process holds that port, perhaps a gateway already running: stop it,"
                        + " or give this one other ports in " + configFile + ")";
            }
        }
        if (message.contains("in use by another gateway")) {
            // journal/Segments' lock: two gateways on one journal would answer each other's queries twice.
            return message + " (stop that gateway, or give this one its own journal.dir in " + configFile + ")";
        }
        return message;
    }
}
