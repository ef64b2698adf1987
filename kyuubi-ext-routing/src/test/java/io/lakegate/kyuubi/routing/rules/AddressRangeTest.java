package io.lakegate.kyuubi.routing.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressRangeTest {
    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8, 10.255.1.2, true",
        "10.0.0.0/8, 11.0.0.1, false",
        "192.168.4.0/22, 192.168.7.255, true",
        "192.168.4.0/22, 192.168.8.0, false",
        "0.0.0.0/0, 8.8.8.8, true",
        "172.16.5.4, 172.16.5.4, true",
        "172.16.5.4, 172.16.5.5, false",
        "fd00::/8, fd12:3456::1, true",
        "fd00::/8, fe80::1, false",
        "10.0.0.0/8, ::ffff:10.1.2.3, true",
        "10.0.0.0/8, fd00::1, false",
        "::ffff:10.20.0.0/112, 10.20.3.4, true",
        "::ffff:10.20.0.0/112, 10.21.3.4, false",
    })
    void containsAddressesOfItsNetworkOnly(String range, String address, boolean expected) {
        assertThat(AddressRange.parse(range)
                        .contains(AddressRange.literal(address).orElseThrow()))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"999.1.1.1", "1:2", "10.0.0.256", "fd00::zz", "localhost", "::ffff:999.0.0.1"})
    void aClientAddressThatIsNoLiteralIsNoneAndNeverLookedUp(String text) {
        // 1:2 and 999.1.1.1 are what the JDK would look up as host names outside brackets.
        assertThat(AddressRange.literal(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/33, prefix length", "10.0.0.0/x, prefix length", "kyuubi.internal, no IP address"})
    void refusesWhatIsNoRange(String text, String problem) {
        assertThatThrownBy(() -> AddressRange.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }
}
