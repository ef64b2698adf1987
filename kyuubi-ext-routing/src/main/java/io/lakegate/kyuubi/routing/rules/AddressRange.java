package io.lakegate.kyuubi.routing.rules;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/** A CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}) or one address, IPv4 or IPv6. */
public final class AddressRange {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final String text;
    private final byte[] network;
    private final int prefixLength;

    private AddressRange(String text, byte[] network, int prefixLength) {
        this.text = text;
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** Throws {@link IllegalArgumentException} saying what is wrong with {@code text}. */
    public static AddressRange parse(String text) {
        requireNonNull(text, "text is null");
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(address)
                .orElseThrow(() -> new IllegalArgumentException("[" + text
                        + "] is no IP address or CIDR range (such as 10.0.0.0/8; host names are not" + " resolved)"));
        // An IPv4-mapped range (::ffff:10.0.0.0/104) comes back as IPv4: its prefix counts from the IPv4 part.
        int offset = bytes.length == 4 && address.contains(":") ? 96 : 0;
        int length = bytes.length * 8;
        if (slash >= 0) {
            try {
                length = Integer.parseInt(text.substring(slash + 1)) - offset;
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0 || length > bytes.length * 8) {
                throw new IllegalArgumentException(
                        "[" + text + "] has a prefix length outside " + offset + ".." + (bytes.length * 8 + offset));
            }
        }
        byte[] network = bytes.clone();
        mask(network, length);
        if (!Arrays.equals(network, bytes)) {
            throw new IllegalArgumentException("[" + text + "] has host bits set: write the network address");
        }
        return new AddressRange(text, network, length);
    }

    /**
     * The address {@code text} writes, without any name lookup: only IP literals are accepted, so a rule never
     * waits on DNS. IPv4-mapped IPv6 addresses come back as IPv4.
     */
    public static Optional<byte[]> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (IPV4.matcher(text).matches()) {
            byte[] bytes = new byte[4];
            String[] octets = text.split("\\.");
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(octets[i]);
                if (octet > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) octet;
            }
            return Optional.of(bytes);
        }
        if (!IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            // In brackets the JDK parses an IPv6 literal and never falls back to a name lookup.
            return Optional.of(InetAddress.getByName("[" + text + "]").getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    int prefixLength() {
        return prefixLength;
    }

    /** {@code address}'s first {@code prefixLength} bits, as a hash key; equal for every address of one network. */
    static String networkKey(byte[] address, int prefixLength) {
        byte[] masked = address.clone();
        mask(masked, prefixLength);
        return new String(masked, StandardCharsets.ISO_8859_1) + "/" + prefixLength;
    }

    String networkKey() {
        return networkKey(network, prefixLength);
    }

    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int bits = 0xff << (8 - rest) & 0xff;
        return (address[full] & bits) == (network[full] & bits);
    }

    private static void mask(byte[] bytes, int prefixLength) {
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            bytes[i] = (byte) (bytes[i] & (0xff << (8 - keep)));
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
