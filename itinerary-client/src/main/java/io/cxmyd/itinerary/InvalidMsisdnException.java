package io.cxmyd.itinerary;

/** A subscriber address that is not a mainland mobile number. The message holds it masked only. */
public final class InvalidMsisdnException extends IllegalArgumentException {

    private InvalidMsisdnException(String message) {
        super(message);
    }

    static InvalidMsisdnException notMobile(String text) {
        return new InvalidMsisdnException("not a mainland mobile number: " + Msisdn.mask(text));
    }
}
