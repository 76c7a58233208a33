package org.universalim.clientprotocol.websocket;

/**
 * Puts a text message together from the parts the container hands over, and refuses one that grows past
 * the limit before it is all in memory (the container does not enforce {@code maxMessageSize}). One per
 * connection; a connection's parts arrive one at a time.
 */
public final class FrameAssembler {

    /** A message longer than the limit. */
    public static final class TooBig extends Exception {
        private static final long serialVersionUID = 1L;

        TooBig(int limit) {
            super("a frame has at most " + limit + " bytes", null, false, false);
        }
    }

    private final int limit;
    private final StringBuilder parts = new StringBuilder();
    private int bytes;

    public FrameAssembler(int limitBytes) {
        this.limit = limitBytes;
    }

    /**
     * @return the whole message when {@code last}, otherwise {@code null}
     * @throws TooBig when the message is over the limit; the connection should be closed with 1009
     */
    public String append(String part, boolean last) throws TooBig {
        bytes += utf8Length(part);
        if (bytes > limit) {
            parts.setLength(0);
            bytes = 0;
            throw new TooBig(limit);
        }
        if (last && parts.isEmpty()) {
            bytes = 0;
            return part;
        }
        parts.append(part);
        if (!last) {
            return null;
        }
        String whole = parts.toString();
        parts.setLength(0);
        bytes = 0;
        return whole;
    }

    static int utf8Length(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
