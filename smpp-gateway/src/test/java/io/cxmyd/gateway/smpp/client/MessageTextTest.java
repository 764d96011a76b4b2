package io.cxmyd.gateway.smpp.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageTextTest {

    @Test
    void asciiGoesAsDefaultAlphabetAndAnythingElseAsUcs2() {
        assertThat(MessageText.dataCodingFor("CXMYD 13900000000")).isEqualTo((byte) 0);
        assertThat(MessageText.dataCodingFor(" ＣＸＭＹＤ ")).isEqualTo((byte) 8);
        assertThat(MessageText.encode("查", (byte) 8)).containsExactly(0x67, 0xE5);
    }

    @Test
    void textDecodesWithTheCharsetOfItsDataCoding() {
        assertThat(MessageText.decode(new byte[] {0x67, (byte) 0xE5}, (byte) 8)).isEqualTo("查");
        assertThat(MessageText.decode(new byte[] {(byte) 0xB2, (byte) 0xE9}, (byte) 15)).isEqualTo("查");
        assertThat(MessageText.decode(new byte[] {'C', 'X'}, (byte) 0)).isEqualTo("CX");
    }
}
