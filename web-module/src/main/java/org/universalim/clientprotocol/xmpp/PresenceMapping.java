package org.universalim.clientprotocol.xmpp;

import org.universalim.presence.entity.DeviceState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How XMPP presence maps onto devices (R3) and delivery rules (R4), both ways:
 * <ul>
 *   <li>{@code <show/>}: none or {@code chat} is READY, {@code away} and {@code xa} are AWAY, {@code dnd} is
 *       DO_NOT_DISTURB; our {@code <device state="BUSY"/>} extension sets any state, BUSY included. Going
 *       out, READY has no show, AWAY is {@code away}, BUSY and DO_NOT_DISTURB are {@code dnd} (BUSY with the
 *       status "busy" when it has none, and the extension tells the two apart).</li>
 *   <li>{@code <priority/>}: the delivery order puts devices with a higher priority first; devices without a
 *       priority (other protocols, offline) count as 0 and keep their relative order. Going out, a device's
 *       priority is its place in the delivery order: the first of n devices has priority n.</li>
 * </ul>
 */
public final class PresenceMapping {

    private PresenceMapping() {
    }

    /**
     * The device state an available presence asks for.
     *
     * @param show      the {@code <show/>} text, or {@code null}
     * @param extension the state of our extension element, or {@code null}
     * @throws IllegalArgumentException for a show or state we do not know
     */
    public static DeviceState stateOf(String show, String extension) {
        if (extension != null && !extension.isBlank()) {
            DeviceState state = DeviceState.valueOf(extension.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            if (state == DeviceState.OFFLINE) {
                throw new IllegalArgumentException("an available presence is not OFFLINE: send type='unavailable'");
            }
            return state;
        }
        String s = show == null ? "" : show.strip();
        return switch (s) {
            case "", "chat" -> DeviceState.READY;
            case "away", "xa" -> DeviceState.AWAY;
            case "dnd" -> DeviceState.DO_NOT_DISTURB;
            default -> throw new IllegalArgumentException("<show/> is chat, away, xa or dnd, not '" + s + "'");
        };
    }

    /** The {@code <show/>} for a device state; {@code null} for READY (and OFFLINE). */
    public static String showOf(DeviceState state) {
        return switch (state) {
            case AWAY -> "away";
            case BUSY, DO_NOT_DISTURB -> "dnd";
            default -> null;
        };
    }

    /** The status text shown: the user's, or "busy" for a BUSY device without one. */
    public static String statusOf(DeviceState state, String statusText) {
        if (statusText == null && state == DeviceState.BUSY) {
            return "busy";
        }
        return statusText;
    }

    /** A {@code <priority/>} value: -128 to 127, 0 when absent. */
    public static int priorityOf(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        int p = Integer.parseInt(text.strip());
        if (p < -128 || p > 127) {
            throw new IllegalArgumentException("a priority is from -128 to 127");
        }
        return p;
    }

    /**
     * The delivery order after applying priorities: a stable sort of the current order, higher priority
     * first; devices without a priority count as 0.
     */
    public static List<String> orderByPriority(List<String> current, Map<String, Integer> priorities) {
        List<String> order = new ArrayList<>(current);
        order.sort(Comparator.comparingInt((String d) -> priorities.getOrDefault(d, 0)).reversed());
        return order;
    }

    /** The priority shown for the device at {@code index} (0-based) of {@code count} in the delivery order. */
    public static int priorityForRank(int index, int count) {
        return Math.min(127, Math.max(0, count - index));
    }
}
