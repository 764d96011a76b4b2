package io.cxmyd.gateway.bench;

import io.cxmyd.gateway.sms.Command;
import io.cxmyd.gateway.sms.Concatenation;
import io.cxmyd.gateway.sms.DecodeResult;
import io.cxmyd.gateway.sms.EncodedSegment;
import io.cxmyd.gateway.sms.Keyword;
import io.cxmyd.gateway.sms.ReplyComposer;
import io.cxmyd.gateway.sms.ReplyContext;
import io.cxmyd.gateway.sms.Segmenter;
import io.cxmyd.gateway.sms.TextDecoder;
import io.cxmyd.itinerary.Itinerary;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.Place;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The sms package's work per query: read the keyword off the PDU, and build the reply's parts. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReplyPathBenchmark {

    private byte[] asciiPayload;
    private byte[] fullWidthUcs2Payload;
    private LookupResult tenCities;
    private ReplyComposer composer;
    private ReplyContext context;

    @Setup
    public void setUp() {
        asciiPayload = "CXMYD".getBytes(StandardCharsets.US_ASCII);
        fullWidthUcs2Payload = "\u3000ＣＸＭＹＤ　１３９００００００００".getBytes(StandardCharsets.UTF_16BE);
        List<Place> places = List.of(
                new Place("110000", "北京市", false), new Place("440100", "广东省广州市", false),
                new Place("440300", "广东省深圳市", false), new Place("310000", "上海市", false),
                new Place("320100", "江苏省南京市", false), new Place("330100", "浙江省杭州市", true),
                new Place("420100", "湖北省武汉市", false), new Place("429004", "湖北省仙桃市", false),
                new Place("510100", "四川省成都市", false), new Place("500000", "重庆市", false));
        LocalDate day = LocalDate.of(2026, 11, 21);
        tenCities = new LookupResult.Found(new Itinerary(Msisdn.parse("13800138000"), day, day.atTime(8, 0),
                day.minusDays(7), day.minusDays(1), places, List.of(new Place("JP", "日本", false)), Set.of()));
        composer = ReplyComposer.withDefaults();
        context = new ReplyContext("【中国移动】", "10086");
    }

    @Benchmark
    public Command decodeAndParseUcs2FullWidth() {
        return Keyword.parse(((DecodeResult.Text) TextDecoder.decode((byte) 0, (byte) 8, fullWidthUcs2Payload))
                .text());
    }

    @Benchmark
    public Command decodeAndParseAscii() {
        return Keyword.parse(((DecodeResult.Text) TextDecoder.decode((byte) 0, (byte) 0, asciiPayload)).text());
    }

    @Benchmark
    public List<EncodedSegment> composeAndSegmentTenCityReply() {
        return Segmenter.encode(composer.compose(tenCities, context), Concatenation.UDH, 42);
    }
}
