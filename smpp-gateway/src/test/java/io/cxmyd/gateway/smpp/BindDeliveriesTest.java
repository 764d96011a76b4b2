package io.cxmyd.gateway.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jsmpp.DefaultPDUSender;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.TypeOfNumber;
import org.junit.jupiter.api.Test;

/** deliver_sm written under our own sequence numbers, their responses taken before jsmpp would see them. */
class BindDeliveriesTest {

    private static final OptionalParameter[] NO_TLVS = new OptionalParameter[0];
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final BindDeliveries deliveries = new BindDeliveries(new DefaultPDUSender(), wire, Duration.ofSeconds(30));

    @Test
    void aDeliverSmIsWrittenInOurRangeAndCompletesWithItsResponseStatus() throws Exception {
        CompletableFuture<Integer> first = deliveries.deliver(part(), NO_TLVS);
        CompletableFuture<Integer> second = deliveries.deliver(part(), NO_TLVS);

        ByteBuffer b = ByteBuffer.wrap(wire.toByteArray());
        assertThat(b.getInt(4)).isEqualTo(SMPPConstant.CID_DELIVER_SM);
        int sequence = b.getInt(12);
        assertThat(sequence).isEqualTo(PipelinedRequests.FIRST_SEQUENCE);
        assertThat(deliveries.inFlight()).isEqualTo(2);

        assertThat(deliveries.answered(SMPPConstant.CID_DELIVER_SM_RESP, 0x58, sequence + 1, null)).isTrue();
        assertThat(second).isCompletedWithValue(0x58); // ESME_RTHROTTLED, for the outbox to decide
        assertThat(first).isNotDone();
        assertThat(deliveries.answered(SMPPConstant.CID_GENERIC_NACK, 0x03, sequence, null)).isTrue();
        assertThat(first).isCompletedWithValue(0x03);
        assertThat(deliveries.inFlight()).isZero();
    }

    @Test
    void responsesOutsideOurRangeOrOfOtherCommandsAreLeftToJsmpp() throws Exception {
        deliveries.deliver(part(), NO_TLVS);
        assertThat(deliveries.answered(SMPPConstant.CID_DELIVER_SM_RESP, 0, 7, null)).as("jsmpp's own range").isFalse();
        assertThat(deliveries.answered(SMPPConstant.CID_ENQUIRE_LINK_RESP, 0, PipelinedRequests.FIRST_SEQUENCE, null))
                .isFalse();
        assertThat(deliveries.answered(SMPPConstant.CID_DELIVER_SM_RESP, 0, PipelinedRequests.FIRST_SEQUENCE + 5, null))
                .as("ours, but nothing waits for it (it came after its timeout): dropped here").isTrue();
        assertThat(deliveries.inFlight()).isEqualTo(1);
    }

    @Test
    void aClosedConnectionEndsEveryWaitingDeliverSmAndWritesNoMore() throws Exception {
        CompletableFuture<Integer> waiting = deliveries.deliver(part(), NO_TLVS);
        deliveries.closed();

        assertThatThrownBy(waiting::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(PipelinedRequests.LinkGone.class);
        int written = wire.size();
        assertThatThrownBy(() -> deliveries.deliver(part(), NO_TLVS)).isInstanceOf(IOException.class);
        assertThat(wire.size()).isEqualTo(written);
        assertThat(deliveries.inFlight()).isZero();
    }

    @Test
    void aWriteThatFailsLeavesNothingWaiting() {
        BindDeliveries broken = new BindDeliveries(new DefaultPDUSender(), new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("broken pipe");
            }
        }, Duration.ofSeconds(30));
        assertThatThrownBy(() -> broken.deliver(part(), NO_TLVS)).isInstanceOf(IOException.class);
        assertThat(broken.inFlight()).isZero();
    }

    /** The stage the caller chains on runs once the request is no longer counted in flight, timeout or not. */
    @Test
    void anUnansweredDeliverSmTimesOut() throws Exception {
        BindDeliveries quick = new BindDeliveries(new DefaultPDUSender(), wire, Duration.ofMillis(1));
        CompletableFuture<Integer> waiting = quick.deliver(part(), NO_TLVS);
        CompletableFuture<Integer> inFlightWhenEnded = waiting.handle((status, error) -> quick.inFlight());
        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(inFlightWhenEnded.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(quick.inFlight()).isZero();
    }

    @Test
    void sequenceNumbersWrapInsideOurRange() {
        assertThat(PipelinedRequests.ours(PipelinedRequests.FIRST_SEQUENCE)).isTrue();
        assertThat(PipelinedRequests.ours(Integer.MAX_VALUE)).isTrue();
        assertThat(PipelinedRequests.ours(PipelinedRequests.FIRST_SEQUENCE - 1)).isFalse();
        assertThat(PipelinedRequests.ours(1)).isFalse();
    }

    private static BindDeliveries.SmppFields part() {
        return new BindDeliveries.SmppFields(TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, "10086",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "8613800138000", new ESMClass(0),
                new RawDataCoding((byte) 8), new byte[] {0, 0x41});
    }
}
