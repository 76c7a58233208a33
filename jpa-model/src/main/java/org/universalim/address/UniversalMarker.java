package org.universalim.address;

import java.util.Locale;
import java.util.Objects;

/**
 * The universal marker of R2: the characters that turn an ISP domain into its universal domain.
 *
 * <p>As a {@link Position#SUFFIX suffix} the marker goes after the first label of the domain
 * ({@code -u}: {@code isp-a.example} becomes {@code isp-a-u.example}); as a {@link Position#PREFIX
 * prefix} it goes in front of the domain ({@code u-}: {@code u-isp-a.example}). The marker is text a
 * DNS label may hold: letters, digits and {@code -}.
 */
public final class UniversalMarker {

    /** Where the marker goes. */
    public enum Position {
        /** After the first label of the domain. */
        SUFFIX,
        /** Before the domain. */
        PREFIX;

        public static Position parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidAddressException("the marker position is 'suffix' or 'prefix', not '" + text + "'");
            }
        }
    }

    /** The marker of the patent's example: {@code -u} after the first label. */
    public static final UniversalMarker DEFAULT = new UniversalMarker("-u", Position.SUFFIX);

    private final String text;
    private final Position position;

    public UniversalMarker(String text, Position position) {
        Objects.requireNonNull(position, "position");
        if (text == null || text.isEmpty()) {
            throw new InvalidAddressException("the universal marker is not empty");
        }
        String marker = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < marker.length(); i++) {
            char c = marker.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-') {
                throw new InvalidAddressException("the universal marker may only hold a-z, 0-9 and -");
            }
        }
        this.text = marker;
        this.position = position;
    }

    public static UniversalMarker of(String text, String position) {
        return new UniversalMarker(text, Position.parse(position));
    }

    public String text() {
        return text;
    }

    public Position position() {
        return position;
    }

    /** The universal domain of an ISP domain: {@code isp-a.example} gives {@code isp-a-u.example}. */
    public String universalDomainOf(String ispDomain) {
        String domain = Domains.normalize(ispDomain);
        if (isUniversal(domain)) {
            throw new InvalidAddressException("'" + domain + "' already carries the universal marker");
        }
        if (position == Position.PREFIX) {
            return Domains.normalize(text + domain);
        }
        int dot = domain.indexOf('.');
        String first = dot < 0 ? domain : domain.substring(0, dot);
        String rest = dot < 0 ? "" : domain.substring(dot);
        return Domains.normalize(first + text + rest);
    }

    /** Whether a domain carries this marker, that is, names the Universal IM server of an ISP. */
    public boolean isUniversal(String domain) {
        if (position == Position.PREFIX) {
            return domain.length() > text.length() && domain.startsWith(text) && domain.charAt(text.length()) != '.';
        }
        int dot = domain.indexOf('.');
        String first = dot < 0 ? domain : domain.substring(0, dot);
        return first.length() > text.length() && first.endsWith(text);
    }

    /** The ISP domain behind a domain: the domain itself when it has no marker. */
    public String ispDomainOf(String domain) {
        if (!isUniversal(domain)) {
            return domain;
        }
        if (position == Position.PREFIX) {
            return domain.substring(text.length());
        }
        int dot = domain.indexOf('.');
        String first = dot < 0 ? domain : domain.substring(0, dot);
        String rest = dot < 0 ? "" : domain.substring(dot);
        return first.substring(0, first.length() - text.length()) + rest;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UniversalMarker other && other.text.equals(text) && other.position == position;
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, position);
    }

    @Override
    public String toString() {
        return position == Position.PREFIX ? text + "<domain>" : "<first label>" + text + ".<rest>";
    }
}
