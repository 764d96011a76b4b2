package io.cxmyd.gateway.journal;

import io.cxmyd.gateway.message.InboundMessage;

/** One record of a journal segment: a query accepted, or a query whose reply has ended. */
public sealed interface JournalRecord {

    long id();

    /** A query acknowledged with ESME_ROK: everything needed to look it up and reply again. */
    record Accepted(long id, InboundMessage message) implements JournalRecord {
    }

    /** The query's reply was acknowledged by the carrier, rejected or expired, or none was due. */
    record Done(long id) implements JournalRecord {
    }
}
