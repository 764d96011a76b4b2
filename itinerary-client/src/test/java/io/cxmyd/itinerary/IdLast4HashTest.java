package io.cxmyd.itinerary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdLast4HashTest {

    private static final String SECRET = "test-secret-0123456789";
    private static final Msisdn A = Msisdn.parse("13800138000");
    private static final Msisdn B = Msisdn.parse("13800138002");
    private final IdLast4Hash hash = new IdLast4Hash(SECRET);

    @Test
    void hashIsHmacSha256OfNumberColonCodeInLowerCaseHex() {
        // Fixture computed independently: printf '13800138000:123X' | openssl dgst -sha256 -hmac test-secret-0123456789
        assertThat(hash.hash(A, "123X"))
                .isEqualTo("b0f551e1dc2c925c40c1663134e63688190a7b685b355d2260c0050c3f53e6ba");
    }

    @Test
    void lowerCaseXIsTheSameCodeAsUpperCase() {
        assertThat(hash.hash(A, "123x")).isEqualTo(hash.hash(A, "123X"));
    }

    @Test
    void theSameDigitsOfTwoNumbersHashDifferently() {
        assertThat(hash.hash(A, "1234")).isNotEqualTo(hash.hash(B, "1234"));
    }

    @Test
    void anotherSecretGivesAnotherHash() {
        assertThat(new IdLast4Hash("another-secret-0123").hash(A, "1234")).isNotEqualTo(hash.hash(A, "1234"));
    }

    @Test
    void matchesOnlyTheRightCodeAndAcceptsUpperCaseHex() {
        String registered = hash.hash(A, "0417");
        assertThat(hash.matches(A, "0417", registered)).isTrue();
        assertThat(hash.matches(A, "0417", registered.toUpperCase())).isTrue();
        assertThat(hash.matches(A, "0418", registered)).isFalse();
        assertThat(hash.matches(B, "0417", registered)).isFalse();
        assertThat(hash.matches(A, "0417", null)).isFalse();
        assertThat(hash.matches(A, "041", registered)).isFalse();
    }

    @Test
    void onlyThreeDigitsThenADigitOrXAreACode() {
        assertThat(IdLast4Hash.isCode("1234")).isTrue();
        assertThat(IdLast4Hash.isCode("123X")).isTrue();
        assertThat(IdLast4Hash.isCode("123x")).isTrue();
        assertThat(IdLast4Hash.isCode("12X4")).isFalse();
        assertThat(IdLast4Hash.isCode("12345")).isFalse();
        assertThat(IdLast4Hash.isCode("１２３４")).isFalse(); // folded by the keyword parser, not here
        assertThat(IdLast4Hash.isCode(null)).isFalse();
        assertThatThrownBy(() -> hash.hash(A, "abcd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new IdLast4Hash("short"))
                .hasMessage("secret: at least 16 characters, was 5");
    }
}
