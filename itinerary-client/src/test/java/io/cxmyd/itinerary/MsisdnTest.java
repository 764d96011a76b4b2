package io.cxmyd.itinerary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MsisdnTest {

    @Test
    void nationalInternationalAndPlusFormsAreOneSubscriber() {
        Msisdn a = Msisdn.parse("13800138000");
        assertThat(Msisdn.parse("8613800138000")).isEqualTo(a);
        assertThat(Msisdn.parse("+8613800138000")).isEqualTo(a);
        assertThat(Msisdn.parse("008613800138000")).isEqualTo(a);
        assertThat(a.digits()).isEqualTo("13800138000");
    }

    @Test
    void toStringIsMasked() {
        assertThat(Msisdn.parse("13812341234").toString()).isEqualTo("138****1234");
    }

    @Test
    void landlinesShortCodesAndForeignNumbersAreRejectedWithoutTheNumberInClear() {
        for (String bad : new String[] {"10086", "02012345678", "12800138000", "1380013800", "138001380001",
                "+852912345678", "CXMYD", "1380013800a", ""}) {
            assertThat(Msisdn.isValid(bad)).as(bad).isFalse();
        }
        assertThatThrownBy(() -> Msisdn.parse("02012345678"))
                .isInstanceOf(InvalidMsisdnException.class)
                .hasMessageNotContaining("02012345678")
                .hasMessageContaining("020****5678");
    }

    @Test
    void virtualOperatorSegmentsAreRecognised() {
        assertThat(Msisdn.parse("17012345678").isVirtualOperator()).isTrue();
        assertThat(Msisdn.parse("16212345678").isVirtualOperator()).isTrue();
        assertThat(Msisdn.parse("13812345678").isVirtualOperator()).isFalse();
    }
}
