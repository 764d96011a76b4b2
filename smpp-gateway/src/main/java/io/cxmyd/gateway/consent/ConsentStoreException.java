package io.cxmyd.gateway.consent;

/**
 * The consent state could not be read or kept (the shared store did not answer in time, or kept
 * changing under concurrent texts). The text is answered "busy, try later": deciding without the state
 * could send an itinerary nobody confirmed. Its message never holds a number or a key.
 */
public final class ConsentStoreException extends RuntimeException {

    public ConsentStoreException(String message) {
        super(message);
    }

    public ConsentStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
