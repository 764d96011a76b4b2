package io.cxmyd.gateway.message;

import java.util.Objects;

/** An SMPP address with its type of number and numbering plan, kept as received so replies mirror it. */
public record SmppAddress(byte ton, byte npi, String address) {

    public SmppAddress {
        Objects.requireNonNull(address, "address");
    }

    /** TON unknown (0), NPI ISDN (1): the plain national form carriers use for service numbers. */
    public static SmppAddress of(String address) {
        return new SmppAddress((byte) 0, (byte) 1, address);
    }

    @Override
    public String toString() {
        return "SmppAddress[" + ton + "/" + npi + "/" + io.cxmyd.itinerary.Msisdn.mask(address) + "]";
    }
}
